package org.negotiationtimeline.timeline.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.Optional;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP mapper reads request bodies strictly: a body means one thing or it is a 400. Trailing
 * tokens after the object, a key given twice, and scalars of the wrong JSON type ({@code "id": 12},
 * {@code "type": 0}, {@code "verbatim": "true"}) are refused instead of being coerced, and no string
 * may hold characters that hide or corrupt what a reader sees ({@link #unsafeCharacter}). Nesting
 * deeper than {@value #MAX_NESTING} is refused by the parser itself, before any object is built.
 * (The event store has its own mapper: none of this decides whether stored events can be read.)
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    /** The deepest body (a claim value's own depth is bounded lower, by its validator). */
    static final int MAX_NESTING = 32;

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictRequestBodies() {
        return builder -> builder
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .featuresToDisable(MapperFeature.ALLOW_COERCION_OF_SCALARS,
                        DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .modulesToInstall(new SimpleModule("safe-text").addDeserializer(String.class, new SafeStringDeserializer()))
                .postConfigurer(mapper -> {
                    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING).build());
                    // Numbers and booleans never become text, and text never becomes a number or boolean.
                    mapper.coercionConfigFor(LogicalType.Textual)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float,
                            LogicalType.Boolean, LogicalType.Enum}) {
                        mapper.coercionConfigFor(scalar)
                                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                    }
                });
    }

    /**
     * The first character a stored text may not hold, as {@code U+XXXX}: C0 and C1 controls other
     * than tab, line feed and carriage return (a NUL that a view database refuses would park the
     * development, which then never appears), DEL, a lone surrogate (not text at all), and the
     * bidirectional embedding, override and isolate controls (they make text read differently from
     * what it holds).
     */
    public static Optional<String> unsafeCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean unsafe;
            if (Character.isHighSurrogate(c)) {
                unsafe = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
                if (!unsafe) {
                    i++;
                }
            } else {
                unsafe = Character.isLowSurrogate(c)
                        || (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                        || (c >= 0x7F && c <= 0x9F)
                        || (c >= 0x202A && c <= 0x202E)
                        || (c >= 0x2066 && c <= 0x2069);
            }
            if (unsafe) {
                return Optional.of(String.format("U+%04X", (int) c));
            }
        }
        return Optional.empty();
    }

    /** A string holding a character that {@link #unsafeCharacter} refuses; Jackson adds the field's path. */
    public static final class UnsafeTextException extends JsonMappingException {
        UnsafeTextException(JsonParser parser, String character) {
            super(parser, "must not contain " + character + " (a control character, a lone surrogate or a bidirectional control)");
        }
    }

    /** Every string of a request body, list elements included, passes {@link #unsafeCharacter}. */
    static final class SafeStringDeserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = super.deserialize(p, ctxt);
            if (value != null) {
                Optional<String> unsafe = unsafeCharacter(value);
                if (unsafe.isPresent()) {
                    throw new UnsafeTextException(p, unsafe.get());
                }
            }
            return value;
        }
    }
}
