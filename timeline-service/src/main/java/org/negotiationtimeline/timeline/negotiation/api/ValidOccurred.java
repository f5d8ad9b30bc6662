package org.negotiationtimeline.timeline.negotiation.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import org.negotiationtimeline.timeline.negotiation.InvalidDevelopmentException;
import org.negotiationtimeline.timeline.negotiation.Occurred;

/**
 * An {@code occurred} whose value parses as EDTF in its zone. Checked with the other constraints,
 * so a request with a bad date and a missing title gets both errors at once.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ValidOccurred.Validator.class)
@interface ValidOccurred {
    String message() default "is not a valid date";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidOccurred, RecordDevelopmentRequest.OccurredBody> {
        private final WriteLimits limits;

        Validator(WriteLimits limits) {
            this.limits = limits;
        }

        @Override
        public boolean isValid(RecordDevelopmentRequest.OccurredBody occurred, ConstraintValidatorContext context) {
            if (occurred == null || occurred.value() == null || occurred.value().isBlank()) {
                return true; // @NotNull / @NotBlank report these.
            }
            try {
                Occurred parsed = Occurred.parse(occurred.value(), occurred.text(), occurred.zone());
                Duration width = Duration.between(parsed.earliest(), parsed.latest());
                if (width.compareTo(limits.occurredMaxWidth()) > 0) {
                    context.disableDefaultConstraintViolation();
                    context.buildConstraintViolationWithTemplate("spans " + width.toDays() + " days; at most "
                                    + limits.occurredMaxWidth().toDays())
                            .addPropertyNode("value")
                            .addConstraintViolation();
                    return false;
                }
                return true;
            } catch (InvalidDevelopmentException e) {
                context.disableDefaultConstraintViolation();
                // The domain names "occurred.value" / "occurred.zone"; the node here is relative to occurred.
                context.buildConstraintViolationWithTemplate(e.getMessage().replace("{", "\\{").replace("$", "\\$"))
                        .addPropertyNode(e.field().substring(e.field().indexOf('.') + 1))
                        .addConstraintViolation();
                return false;
            }
        }
    }
}
