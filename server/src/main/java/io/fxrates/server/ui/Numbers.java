package io.fxrates.server.ui;

import java.math.BigDecimal;

/**
 * How the pages write numbers: exactly the API's digits (never rounded again), with a comma
 * between thousands of the integer part so that large amounts are readable ("14,518.3").
 */
final class Numbers {

    private Numbers() {
    }

    /** {@code value} with its exact digits and grouped thousands, for people. */
    static String display(BigDecimal value) {
        String plain = value.toPlainString();
        boolean negative = plain.startsWith("-");
        String digits = negative ? plain.substring(1) : plain;
        int dot = digits.indexOf('.');
        String integer = dot < 0 ? digits : digits.substring(0, dot);
        String fraction = dot < 0 ? "" : digits.substring(dot);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < integer.length(); i++) {
            if (i > 0 && (integer.length() - i) % 3 == 0) {
                grouped.append(',');
            }
            grouped.append(integer.charAt(i));
        }
        return (negative ? "-" : "") + grouped + fraction;
    }

    /** {@code value} as the API writes it, for machines ({@code <data value>}) and form fields. */
    static String machine(BigDecimal value) {
        return value.toPlainString();
    }
}
