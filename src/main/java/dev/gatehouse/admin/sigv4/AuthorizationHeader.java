package dev.gatehouse.admin.sigv4;

import java.util.HexFormat;
import java.util.List;

/**
 * AWS SigV4: the parsed Authorization header,
 * {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=a;b;c, Signature=<64 lower-hex>}.
 * Syntax only; which headers must be signed is {@link SignedHeaderPolicy}'s job.
 */
record AuthorizationHeader(CredentialScope credential, List<String> signedHeaders, byte[] signature) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private static final int SIGNATURE_HEX_LENGTH = 64;

    static AuthorizationHeader parse(String value) {
        String header = value.strip();
        int afterAlgorithm = indexOfWhitespace(header);
        if (afterAlgorithm < 0 || !header.substring(0, afterAlgorithm).equals(ALGORITHM)) {
            // other algorithms (AWS4-HMAC-SHA1, SigV4a AWS4-ECDSA-P256-SHA256, Basic, Bearer) are refused
            throw SigV4Exception.incompleteSignature(
                    "Unsupported Authorization algorithm; only " + ALGORITHM + " is accepted.");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        // AWS tolerates missing spaces after the commas (aws-c-auth test suite)
        for (String pair : header.substring(afterAlgorithm).split(",", -1)) {
            String element = pair.strip();
            int equals = element.indexOf('=');
            if (equals <= 0) {
                throw SigV4Exception.incompleteSignature("Invalid key=value pair (missing equal-sign) in Authorization header.");
            }
            String name = element.substring(0, equals);
            String elementValue = element.substring(equals + 1);
            switch (name) {
                case "Credential" -> credential = once(credential, elementValue, name);
                case "SignedHeaders" -> signedHeaders = once(signedHeaders, elementValue, name);
                case "Signature" -> signature = once(signature, elementValue, name);
                default -> throw SigV4Exception.incompleteSignature("Unexpected parameter in Authorization header.");
            }
        }
        requirePresent(credential, "Credential");
        requirePresent(signedHeaders, "SignedHeaders");
        requirePresent(signature, "Signature");
        return new AuthorizationHeader(CredentialScope.parse(credential), parseSignedHeaders(signedHeaders),
                parseSignature(signature));
    }

    private static String once(String seen, String value, String name) {
        if (seen != null) {
            throw SigV4Exception.incompleteSignature("Authorization header must contain '" + name + "' only once.");
        }
        return value;
    }

    private static void requirePresent(String value, String name) {
        if (value == null) {
            throw SigV4Exception.incompleteSignature("Authorization header requires '" + name + "' parameter.");
        }
    }

    /** AWS SigV4: SignedHeaders is lower-case, sorted, ';'-separated, without repeats. */
    private static List<String> parseSignedHeaders(String value) {
        String[] names = value.split(";", -1);
        for (int i = 0; i < names.length; i++) {
            if (!isLowerCaseToken(names[i])) {
                throw SigV4Exception.incompleteSignature("SignedHeaders must be lower-case header names separated by ';'.");
            }
            if (i > 0 && names[i - 1].compareTo(names[i]) >= 0) {
                throw SigV4Exception.incompleteSignature("SignedHeaders must be sorted and must not repeat a header.");
            }
        }
        return List.of(names);
    }

    private static byte[] parseSignature(String value) {
        if (value.length() != SIGNATURE_HEX_LENGTH) {
            throw badSignature();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
                throw badSignature();
            }
        }
        return HexFormat.of().parseHex(value);
    }

    private static SigV4Exception badSignature() {
        return SigV4Exception.incompleteSignature("Signature must be 64 lower-case hexadecimal characters.");
    }

    /** RFC 9110 §5.1 field-name token, restricted to lower case. */
    private static boolean isLowerCaseToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == ' ' || value.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /** The signature is not a secret, but it stays out of logs all the same. */
    @Override
    public String toString() {
        return "AuthorizationHeader[" + credential.scope() + ", SignedHeaders=" + String.join(";", signedHeaders) + "]";
    }
}
