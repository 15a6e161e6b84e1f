package org.calcify.io.text;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Writes a {@code double} property with this many decimals ({@code %.Nf}, Locale.ROOT) in JSON and CSV,
 * e.g. {@code @Decimals(3) double agatston} is written {@code 12.300}. A value that is not finite is still
 * written as null. Without it a number is written in Java's shortest round-trip form.
 */
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface Decimals {
    /** Decimals after the point, 0 to 17. */
    int value();
}
