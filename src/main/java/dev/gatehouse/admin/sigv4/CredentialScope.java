package dev.gatehouse.admin.sigv4;

/** AWS SigV4: the Credential= element, keyid/yyyymmdd/region/service/aws4_request. */
record CredentialScope(String accessKeyId, String date, String region, String service, String terminator) {

    static final String TERMINATOR = "aws4_request";

    private static final int MAX_ELEMENT_LENGTH = 128;

    static CredentialScope parse(String credential) {
        String[] elements = credential.split("/", -1);
        if (elements.length != 5) {
            throw malformed();
        }
        for (String element : elements) {
            if (!isPrintableToken(element)) {
                throw malformed();
            }
        }
        return new CredentialScope(elements[0], elements[1], elements[2], elements[3], elements[4]);
    }

    /** date/region/service/aws4_request, as it appears in the string to sign. */
    String scope() {
        return date + '/' + region + '/' + service + '/' + terminator;
    }

    private static SigV4Exception malformed() {
        return SigV4Exception.incompleteSignature(
                "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term.");
    }

    /** Non-empty visible ASCII without separators, so elements are safe to echo in error messages. */
    private static boolean isPrintableToken(String element) {
        if (element.isEmpty() || element.length() > MAX_ELEMENT_LENGTH) {
            return false;
        }
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ',' || c == ';' || c == '=' || c == '"' || c == '\'' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
