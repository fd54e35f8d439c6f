package io.fxrates.server.rates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.fxrates.server.http.ProblemException;

/**
 * Reads client input strictly and explains, in the problem it throws, what was wrong and what is
 * accepted instead. Nothing here touches the database.
 */
public final class Inputs {

    /** Largest amount accepted: beyond this no currency amount is meaningful. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000000");

    private static final Pattern CODE = Pattern.compile("[A-Za-z]{3}");
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,30}(\\.[0-9]{1,12})?|\\.[0-9]{1,12}");
    private static final Pattern DATE_SHAPE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_SYMBOLS = 200;

    private Inputs() {
    }

    /** A currency code, upper-cased. */
    public static String currency(String raw, String parameter) {
        String value = raw.strip();
        if (!CODE.matcher(value).matches()) {
            throw ProblemException.badRequest("invalid-currency", "Invalid currency code",
                    parameter + "='" + shorten(raw) + "' is not a currency code: use three letters of ISO 4217, such as USD.");
        }
        return value.toUpperCase(Locale.ROOT);
    }

    /** A comma-separated list of currency codes, in the order given, without repeats. */
    public static Set<String> currencies(String raw, String parameter) {
        Set<String> codes = new LinkedHashSet<>();
        String[] parts = raw.split(",", -1);
        if (parts.length > MAX_SYMBOLS) {
            throw ProblemException.badRequest("too-many-currencies", "Too many currencies",
                    parameter + " lists " + parts.length + " currencies; at most " + MAX_SYMBOLS + " are accepted.");
        }
        for (String part : parts) {
            if (part.isBlank()) {
                throw ProblemException.badRequest("invalid-currency", "Invalid currency code",
                        parameter + "='" + shorten(raw) + "' has an empty entry: separate codes with single commas, as in USD,GBP.");
            }
            codes.add(currency(part, parameter));
        }
        return codes;
    }

    /** An ISO 8601 calendar date (yyyy-MM-dd) that exists and is not after {@code latest} (LocalDate.MAX: any). */
    public static LocalDate date(String raw, String what, LocalDate latest) {
        String value = raw.strip();
        if (!DATE_SHAPE.matcher(value).matches()) {
            throw ProblemException.badRequest("invalid-date", "Invalid date",
                    what + " '" + shorten(raw) + "' is not a date: write it as YYYY-MM-DD, for example 2024-01-02.");
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value, ISO_DATE);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("invalid-date", "Invalid date",
                    what + " " + value + " does not exist in the calendar.");
        }
        if (date.isAfter(latest)) {
            throw ProblemException.badRequest("future-date", "Date in the future",
                    what + " " + value + " is in the future (today is " + latest + " UTC); rates exist only for past dates.");
        }
        return date;
    }

    /** A positive decimal amount no larger than {@link #MAX_AMOUNT}. */
    public static BigDecimal amount(String raw) {
        String value = raw.strip();
        if (!AMOUNT.matcher(value).matches()) {
            throw ProblemException.badRequest("invalid-amount", "Invalid amount",
                    "amount='" + shorten(raw) + "' is not a plain decimal number: write it like 100 or 12.50, without signs, "
                            + "exponents or thousands separators.");
        }
        BigDecimal amount = new BigDecimal(value);
        if (amount.signum() <= 0) {
            throw ProblemException.badRequest("invalid-amount", "Invalid amount",
                    "amount must be greater than zero; got " + value + ".");
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw ProblemException.badRequest("invalid-amount", "Invalid amount",
                    "amount " + value + " is larger than the largest accepted, " + MAX_AMOUNT.toPlainString() + ".");
        }
        return amount;
    }

    /** {@code raw}, cut to a length that is safe to echo back. */
    static String shorten(String raw) {
        String printable = raw.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}
