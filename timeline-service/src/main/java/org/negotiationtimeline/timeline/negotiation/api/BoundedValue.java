package org.negotiationtimeline.timeline.negotiation.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.negotiationtimeline.timeline.web.StrictJson;

/**
 * A claim's value: any JSON, but at most {@link WriteLimits#claimValueMaxBytes} serialised and
 * {@link WriteLimits#claimValueMaxDepth} deep, and no key holding a character that
 * {@link StrictJson#unsafeCharacter} refuses (the strings themselves were checked as they were read).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = BoundedValue.Validator.class)
@interface BoundedValue {
    String message() default "is too large";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<BoundedValue, Object> {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final WriteLimits limits;

        Validator(WriteLimits limits) {
            this.limits = limits;
        }

        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            if (value == null) {
                return true; // @NotNull reports it.
            }
            String problem = depthOrKeyProblem(value, 0);
            if (problem == null) {
                try {
                    long bytes = JSON.writeValueAsBytes(value).length;
                    if (bytes > limits.claimValueMaxBytes().toBytes()) {
                        problem = "is " + bytes + " bytes as JSON; at most " + limits.claimValueMaxBytes().toBytes();
                    }
                } catch (JsonProcessingException e) {
                    problem = "is not serialisable as JSON";
                }
            }
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(problem.replace("{", "\\{").replace("$", "\\$"))
                    .addConstraintViolation();
            return false;
        }

        private String depthOrKeyProblem(Object value, int depth) {
            if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
                return null;
            }
            if (depth >= limits.claimValueMaxDepth()) {
                return "nests deeper than " + limits.claimValueMaxDepth() + " levels";
            }
            Iterable<?> children = value instanceof Map<?, ?> map ? map.values() : (List<?>) value;
            if (value instanceof Map<?, ?> map) {
                for (Object key : map.keySet()) {
                    Optional<String> unsafe = StrictJson.unsafeCharacter(String.valueOf(key));
                    if (unsafe.isPresent()) {
                        return "has a key holding " + unsafe.get() + " (a control character, a lone surrogate or a bidirectional control)";
                    }
                }
            }
            for (Object child : children) {
                String problem = depthOrKeyProblem(child, depth + 1);
                if (problem != null) {
                    return problem;
                }
            }
            return null;
        }
    }
}
