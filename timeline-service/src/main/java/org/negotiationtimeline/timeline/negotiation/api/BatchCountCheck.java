package org.negotiationtimeline.timeline.negotiation.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.negotiationtimeline.timeline.negotiation.InvalidDevelopmentException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Counts a batch's items before any of them is bound or validated: binding and validating 100,000
 * small items (10 MB, under the batch's body limit) took more heap than the service has. The body
 * is already bounded by the batch body limit, so it is read into memory once and counted with a
 * streaming parser that skips each item's contents; a malformed body is left for the real read to
 * report.
 */
@ControllerAdvice
class BatchCountCheck extends RequestBodyAdviceAdapter {

    private static final JsonFactory JSON = new JsonFactory();
    private final int maxBatchEvents;

    BatchCountCheck(@Value("${timeline.http.batch.max-events}") int maxBatchEvents) {
        this.maxBatchEvents = maxBatchEvents;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converter) {
        return targetType == RecordDevelopmentsRequest.class;
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
                                           Class<? extends HttpMessageConverter<?>> converter) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        long items = countEvents(body);
        if (items > maxBatchEvents) {
            throw new InvalidDevelopmentException("events", "holds more than " + maxBatchEvents
                    + " developments; at most " + maxBatchEvents + " per request");
        }
        HttpHeaders headers = input.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    /** Items of the top-level {@code events} array, counted up to one past the limit; 0 if there is none. */
    private long countEvents(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return 0;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean events = "events".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (events && value == JsonToken.START_ARRAY) {
                    long count = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY && count <= maxBatchEvents) {
                        count++;
                        parser.skipChildren();
                    }
                    return count;
                }
                parser.skipChildren();
            }
            return 0;
        } catch (IOException malformed) {
            return 0;
        }
    }
}
