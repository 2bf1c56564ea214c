package dev.gatehouse.net;

import io.netty.handler.codec.http.DefaultHttpObject;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

import java.util.List;

/**
 * Where a general HTTP decoder stands, seen from outside it, for a fast head parser placed in front:
 * the fast parser may only read a message the general decoder has not begun, and nothing once a
 * message failed to decode (the general decoder then discards the connection's bytes, alone).
 */
public final class MessageStart {

    /** The general decoder is between messages: what follows in the buffer starts a new one. */
    private boolean atMessageStart = true;
    /** A message failed to decode, or the decoder was told to stop taking messages. */
    private boolean stopped;

    /** Whether the bytes at the reader index may be read by the fast parser. */
    public boolean open() {
        return atMessageStart && !stopped;
    }

    /** For good: what follows is not for the fast parser (for instance the bytes after a protocol switch). */
    public void stop() {
        stopped = true;
    }

    /**
     * After one call of the general decoder, which found {@code out} holding {@code before} messages.
     * A call that makes no message leaves the fast parser off until the general decoder next ends a
     * message: it may have taken part of a head, or only looked at a head's first bytes — which is
     * enough for Netty's decoder to stop skipping the CRLFs and control bytes allowed before a start
     * line, so a later message parsed by the fast parser would leave it reading the next one differently.
     * Only the last message made is looked at: a message ends with a last content, and a failure is
     * always the last message the general decoder makes (it then discards every byte after it and makes
     * nothing more). Classes, not interfaces, are checked: an interface check on Netty's message objects,
     * which other code checks against other interfaces, cost more here than the whole of a fast parse
     * saves (JDK-8180450). A last content of any other class than Netty's leaves the fast parser off.
     */
    public void afterGeneral(List<Object> out, int before) {
        if (out.size() == before) {
            atMessageStart = false;
            return;
        }
        Object last = out.get(out.size() - 1);
        if (last instanceof DefaultHttpObject decoded && decoded.decoderResult().isFailure()) {
            stopped = true;
        }
        atMessageStart = last == LastHttpContent.EMPTY_LAST_CONTENT || last instanceof DefaultLastHttpContent;
    }
}
