package dev.gatehouse.admin.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** AWS SigV4 canonical forms, pinned where the SDK's behaviour was observed (SDK 2.57.8 debug log). */
class CanonicalFormsTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "''|/",
            "/|/",
            "/a/./b/../c|/a/c",
            "//a//b/|/a/b/",
            "/x/..|/",
            "/a/.|/a",
            "/../a/|/../a/",
            "/a%20b/c%2Fd|/a%2520b/c%252Fd",
            "/example space/|/example%20space/",
            "/-._~AZaz09|/-._~AZaz09"})
    void canonicalUriWhenPathGivenThenNormalisedAndEncodedLikeTheSdk(String rawPath, String expected) {
        assertThat(CanonicalUri.of(rawPath)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "''|''",
            "a+b=c+d&e=&f&x=%2B|a%20b=c%20d&e=&f=&x=%2B",
            "b=2&a=1&a=0|a=0&a=1&b=2",
            "a=1&&b=2|a=1&b=2",
            "c=%7e%2a*|c=~%2A%2A",
            "B=1&a=1|B=1&a=1",
            "=x|=x"})
    void canonicalQueryWhenRawQueryGivenThenReEncodedAndSorted(String rawQuery, String expected) {
        assertThat(CanonicalQueryString.of(rawQuery)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'  a   b \t c  '|a b c",
            "'\"a   b   c\"'|\"a b c\"",
            "''|''"})
    void canonicalHeadersWhenValueHasWhitespaceThenTrimmedAndCollapsed(String value, String expected) {
        StringBuilder out = new StringBuilder();
        CanonicalHeaders.append(List.of("x-note"), RequestHeaders.of(List.of(Map.entry("X-Note", value))), out);

        assertThat(out).hasToString("x-note:" + expected + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-west-1", "us-gov-west-1", "ap-southeast-2", "eu-central-2", "cn-northwest-1",
            "us-iso-east-1", "us-isob-east-1", "il-central-1", "me-south-1", "ca-west-1"})
    void awsRegionNamesWhenWellFormedThenAccepted(String region) {
        assertThat(AwsRegionNames.isWellFormed(region)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "US-EAST-1", "us-east-1x", "us-east-", "useast1", "us-east-0", "us_east_1",
            "us-east-1/", "aws-global", "us-east-1 ", "../../etc"})
    void awsRegionNamesWhenGarbageThenRefused(String region) {
        assertThat(AwsRegionNames.isWellFormed(region)).isFalse();
    }
}
