package io.fxrates.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The media ranges of {@code Accept} header values (RFC 9110, 12.5.1), read without ever failing:
 * an element that is not a valid media range with a valid quality value is ignored, and a header
 * with no valid element at all counts as absent (every type acceptable), as the RFC allows.
 */
public final class AcceptHeader {

    /** One media range, lower-cased, with its quality in thousandths (0 to 1000). */
    record Range(String type, String subtype, int quality) {

        /** How specifically this range names {@code type}/{@code subtype}: 2 exactly, 1 by type, 0 by {@code * /*}, -1 not. */
        int specificity(String wantedType, String wantedSubtype) {
            if (type.equals("*")) {
                return subtype.equals("*") ? 0 : -1;
            }
            if (!type.equals(wantedType)) {
                return -1;
            }
            if (subtype.equals("*")) {
                return 1;
            }
            return subtype.equals(wantedSubtype) ? 2 : -1;
        }
    }

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern QUALITY = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    private final List<Range> ranges;

    private AcceptHeader(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Reads every value of the header (it may be repeated); no values means no preference. */
    public static AcceptHeader parse(List<String> values) {
        List<Range> ranges = new ArrayList<>();
        for (String value : values) {
            for (String element : value.split(",", -1)) {
                Range range = range(element);
                if (range != null) {
                    ranges.add(range);
                }
            }
        }
        return new AcceptHeader(List.copyOf(ranges));
    }

    private static Range range(String element) {
        String[] parts = element.split(";", -1);
        String mediaRange = parts[0].strip().toLowerCase(Locale.ROOT);
        int slash = mediaRange.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String type = mediaRange.substring(0, slash);
        String subtype = mediaRange.substring(slash + 1);
        if (!TOKEN.matcher(type).matches() || !TOKEN.matcher(subtype).matches() || (type.equals("*") && !subtype.equals("*"))) {
            return null;
        }
        int quality = 1000;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                return null;
            }
            if (parameter.substring(0, equals).strip().equalsIgnoreCase("q")) {
                String q = parameter.substring(equals + 1).strip();
                if (!QUALITY.matcher(q).matches()) {
                    return null;
                }
                quality = thousandths(q);
            }
        }
        return new Range(type, subtype, quality);
    }

    private static int thousandths(String q) {
        String fraction = q.length() > 2 ? q.substring(2) : "";
        return (q.charAt(0) - '0') * 1000 + (fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00").substring(0, 3)));
    }

    /** Whether the client stated any preference that could be read. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /**
     * The quality the client gives {@code mediaType} (for example {@code text/csv}), in
     * thousandths: that of the most specific range naming it, 0 when none does, 1000 when the
     * header states no preference.
     */
    public int quality(String mediaType) {
        if (ranges.isEmpty()) {
            return 1000;
        }
        String type = mediaType.substring(0, mediaType.indexOf('/')).toLowerCase(Locale.ROOT);
        String subtype = mediaType.substring(mediaType.indexOf('/') + 1).toLowerCase(Locale.ROOT);
        int bestSpecificity = -1;
        int quality = 0;
        for (Range range : ranges) {
            int specificity = range.specificity(type, subtype);
            if (specificity > bestSpecificity) {
                bestSpecificity = specificity;
                quality = range.quality();
            } else if (specificity == bestSpecificity && specificity >= 0) {
                quality = Math.max(quality, range.quality());
            }
        }
        return quality;
    }
}
