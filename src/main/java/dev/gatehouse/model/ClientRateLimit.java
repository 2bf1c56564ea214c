package dev.gatehouse.model;

/**
 * How many tokens an app client may be issued: a token bucket refilled at {@code ratePerSecond}
 * holding at most {@code burst} (Gatehouse's own setting; Cognito throttles per account only).
 */
public record ClientRateLimit(int ratePerSecond, int burst) {

    /** Far above any real client; keeps the arithmetic and the table small. */
    public static final int MAX_RATE = 100_000;
    public static final int MAX_BURST = 1_000_000;
    /** 50 tokens/s with bursts of 100: a third of Cognito's whole-account default of 150/s. */
    public static final ClientRateLimit DEFAULT = new ClientRateLimit(50, 100);

    public ClientRateLimit {
        if (ratePerSecond < 1 || ratePerSecond > MAX_RATE) {
            throw Failure.invalidParameter("RatePerSecond must be between 1 and " + MAX_RATE + ", or 0 for the default.");
        }
        if (burst < 1 || burst > MAX_BURST) {
            throw Failure.invalidParameter("Burst must be between 1 and " + MAX_BURST + ".");
        }
    }

    /** {@code RATE} or {@code RATE/BURST}; a burst omitted is twice the rate. */
    public static ClientRateLimit parse(String text) {
        String[] parts = text.trim().split("/", -1);
        try {
            int rate = Integer.parseInt(parts[0]);
            if (parts.length == 1) {
                return new ClientRateLimit(rate, (int) Math.min(MAX_BURST, 2L * rate));
            }
            if (parts.length == 2) {
                return new ClientRateLimit(rate, Integer.parseInt(parts[1]));
            }
        } catch (NumberFormatException | Failure e) {
            throw new IllegalArgumentException("'" + text + "' is not RATE[/BURST] with RATE 1–" + MAX_RATE
                    + " and BURST 1–" + MAX_BURST);
        }
        throw new IllegalArgumentException("'" + text + "' is not RATE[/BURST]");
    }

    @Override
    public String toString() {
        return ratePerSecond + "/" + burst;
    }
}
