package org.negotiationtimeline.timeline.negotiation.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import org.negotiationtimeline.timeline.negotiation.Edtf;

/** A string that is an EDTF date such as {@code 2026-01-06} or {@code 2026-01-05/2026-01-06}. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EdtfValue.Validator.class)
@interface EdtfValue {
    String message() default "must be an EDTF date, e.g. 2026-01-06 or 2026-01-05/2026-01-06";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<EdtfValue, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            try {
                Edtf.parse(value, ZoneOffset.UTC);
                return true;
            } catch (DateTimeException e) {
                return false;
            }
        }
    }
}
