package dev.gatehouse.net;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.DecoderResultProvider;
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
     * After one call of the general decoder, which found {@code out} holding {@code before} messages and
     * the buffer's reader index at {@code readerIndex}.
     */
    public void afterGeneral(List<Object> out, int before, ByteBuf buffer, int readerIndex) {
        if (out.size() > before) {
            for (int i = before; i < out.size(); i++) {
                if (out.get(i) instanceof DecoderResultProvider decoded && !decoded.decoderResult().isSuccess()) {
                    stopped = true;
                }
            }
            atMessageStart = out.get(out.size() - 1) instanceof LastHttpContent;
        } else if (buffer.readerIndex() != readerIndex) {
            atMessageStart = false; // part of a head or body was taken: the general decoder is mid-message
        }
    }
}
