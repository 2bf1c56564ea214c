package dev.gatehouse.gateway.proxy;

import io.netty.handler.codec.http.HttpMessageDecoderResult;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The decoder result Netty's decoder gives every head it parses: a success that also carries the
 * start line's and the fields' lengths. Its constructor is package-private, so a parser outside
 * Netty reaches it through a method handle; where that is not allowed (a module system that does not
 * open Netty), {@link #AVAILABLE} is false and the fast parser stays off rather than make a head
 * that differs from the general decoder's.
 */
final class HeadDecoderResult {

    private static final MethodHandle CONSTRUCTOR = constructor();
    static final boolean AVAILABLE = CONSTRUCTOR != null;

    private HeadDecoderResult() {
    }

    private static MethodHandle constructor() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(HttpMessageDecoderResult.class, MethodHandles.lookup());
            return lookup.findConstructor(HttpMessageDecoderResult.class,
                    MethodType.methodType(void.class, int.class, int.class));
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            return null;
        }
    }

    /** A success for a head whose start line and field lines are this long (without their CRLFs). */
    static HttpMessageDecoderResult of(int initialLineLength, int headerSize) {
        try {
            return (HttpMessageDecoderResult) CONSTRUCTOR.invokeExact(initialLineLength, headerSize);
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
