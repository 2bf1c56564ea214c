package dev.gatehouse.gateway;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids ({@code x-amzn-RequestId}, {@code context.requestId}) in API Gateway's UUID form. They
 * need to be unique, not unguessable: {@link UUID#randomUUID()} draws from one shared
 * {@code SecureRandom} per request, a lock every event loop would queue on; a per-thread generator
 * gives the same 122 random bits without it.
 */
final class RequestIds {

    private RequestIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }
}
