package dev.gatehouse.admin.sigv4;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * AWS SigV4: the X-Amz-Date value, "UTC ... ISO 8601 format: YYYYMMDD'T'HHMMSS'Z'". Only x-amz-date is
 * accepted: the HTTP Date header is not, so the signed time always has one format and one source.
 */
record AmzDate(String text, Instant instant) {

    private static final DateTimeFormatter BASIC_ISO_8601 =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withResolverStyle(ResolverStyle.STRICT);

    static AmzDate parse(String text) {
        if (text == null) {
            throw SigV4Exception.incompleteSignature("Authorization header requires existence of a 'X-Amz-Date' header.");
        }
        if (!hasBasicShape(text)) {
            throw malformed();
        }
        try {
            return new AmzDate(text, LocalDateTime.parse(text, BASIC_ISO_8601).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw malformed();
        }
    }

    static String format(Instant instant) {
        return BASIC_ISO_8601.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** The YYYYMMDD part, which the credential scope date must equal. */
    String day() {
        return text.substring(0, 8);
    }

    /** Exactly 8 ASCII digits, 'T', 6 ASCII digits, 'Z': no signs, no extended format. */
    private static boolean hasBasicShape(String text) {
        if (text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
            return false;
        }
        for (int i = 0; i < 15; i++) {
            char c = text.charAt(i);
            if (i != 8 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static SigV4Exception malformed() {
        return SigV4Exception.incompleteSignature("Date must be in ISO-8601 'basic format' (YYYYMMDD'T'HHMMSS'Z').");
    }
}
