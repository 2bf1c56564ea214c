package dev.gatehouse.model;

import java.util.Objects;

/**
 * The three token lifetimes of an app client, each a value counted in a unit (SPEC §3.4).
 * Defaults when omitted: access and ID tokens 60 minutes, refresh tokens 30 days.
 */
public record TokenValidity(
        int access, TimeUnit accessUnit,
        int id, TimeUnit idUnit,
        int refresh, TimeUnit refreshUnit) {

    public static final TokenValidity DEFAULT =
            new TokenValidity(60, TimeUnit.MINUTES, 60, TimeUnit.MINUTES, 30, TimeUnit.DAYS);

    public TokenValidity {
        Objects.requireNonNull(accessUnit, "accessUnit");
        Objects.requireNonNull(idUnit, "idUnit");
        Objects.requireNonNull(refreshUnit, "refreshUnit");
    }

    /**
     * Resolves request members as Cognito does: a value without a unit is in the default unit
     * (hours for access and ID tokens, days for refresh tokens); an omitted value takes the default
     * lifetime; a refresh validity of 0 means the default 30 days.
     */
    public static TokenValidity resolve(Integer access, Integer id, Integer refresh,
                                        TimeUnit accessUnit, TimeUnit idUnit, TimeUnit refreshUnit) {
        int accessValue = access != null ? access : (int) defaultIn(accessUnit, TimeUnit.HOURS, 3600);
        int idValue = id != null ? id : (int) defaultIn(idUnit, TimeUnit.HOURS, 3600);
        TimeUnit refreshIn = refreshUnit != null ? refreshUnit : TimeUnit.DAYS;
        int refreshValue = refresh != null && refresh != 0 ? refresh : (int) (30L * 86400 / refreshIn.toSeconds(1));
        TokenValidity validity = new TokenValidity(
                accessValue, accessUnit != null ? accessUnit : (access != null ? TimeUnit.HOURS : TimeUnit.MINUTES),
                idValue, idUnit != null ? idUnit : (id != null ? TimeUnit.HOURS : TimeUnit.MINUTES),
                refreshValue, refreshIn);
        validity.validate();
        return validity;
    }

    private static long defaultIn(TimeUnit unit, TimeUnit fallback, long seconds) {
        TimeUnit in = unit != null ? unit : TimeUnit.MINUTES;
        long value = seconds / in.toSeconds(1);
        return value == 0 ? 1 : value;
    }

    public long accessSeconds() {
        return accessUnit.toSeconds(access);
    }

    public long idSeconds() {
        return idUnit.toSeconds(id);
    }

    public long refreshSeconds() {
        return refreshUnit.toSeconds(refresh);
    }

    /** Effective bounds (SPEC §3.4): access and ID 5 min to 1 day, refresh 1 hour to 3650 days. */
    public void validate() {
        if (outside(accessSeconds(), 300, 86_400)
                || outside(idSeconds(), 300, 86_400)
                || outside(refreshSeconds(), 3_600, 315_360_000)) {
            throw Failure.invalidParameter("Invalid range for token validity.");
        }
    }

    private static boolean outside(long value, long min, long max) {
        return value < min || value > max;
    }
}
