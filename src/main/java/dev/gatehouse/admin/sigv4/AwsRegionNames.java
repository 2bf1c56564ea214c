package dev.gatehouse.admin.sigv4;

import java.util.regex.Pattern;

/** Syntax of AWS region names (us-east-1, us-gov-west-1, us-isob-east-1, ap-southeast-2 ...). */
public final class AwsRegionNames {

    private static final Pattern WELL_FORMED = Pattern.compile(
            "[a-z]{2}(-gov|-iso[a-z]?)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-[1-9][0-9]?");

    private AwsRegionNames() {
    }

    /** True for a syntactically valid AWS region name; usable as {@code AwsRegionNames::isWellFormed}. */
    public static boolean isWellFormed(String region) {
        return region != null && region.length() <= 32 && WELL_FORMED.matcher(region).matches();
    }
}
