package dev.gatehouse.net;

import io.netty.channel.Channel;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A total deadline for each request head on one connection (slow-loris, SECURITY F9): from the
 * moment the connection opens, or its previous response ends, a complete request head must arrive
 * within the timeout, or the connection is closed. The idle timeout alone restarts with every byte,
 * so a client trickling one header byte at a time would hold a connection for ever.
 * <p>
 * Used on the connection's event loop only. Arming and disarming are field writes: one scheduled
 * check per connection re-schedules itself for whatever time is left, rather than a timer made and
 * cancelled for every request.
 */
public final class HeadDeadline {

    private final Channel channel;
    private final long timeoutNanos;
    private boolean waiting;
    private long since;
    private ScheduledFuture<?> check;

    public HeadDeadline(Channel channel, Duration timeout) {
        this.channel = channel;
        this.timeoutNanos = Math.max(1, timeout.toNanos());
    }

    /** From now on a request head is awaited. */
    public void arm() {
        waiting = true;
        since = System.nanoTime();
        if (check == null) {
            schedule(timeoutNanos);
        }
    }

    /** A request head arrived. */
    public void disarm() {
        waiting = false;
    }

    /** The connection closed. */
    public void stop() {
        waiting = false;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void schedule(long delayNanos) {
        check = channel.eventLoop().schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        check = null;
        if (!waiting || !channel.isActive()) {
            return;
        }
        long left = since + timeoutNanos - System.nanoTime();
        if (left <= 0) {
            channel.close();
        } else {
            schedule(left);
        }
    }
}
