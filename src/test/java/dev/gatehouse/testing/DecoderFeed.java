package dev.gatehouse.testing;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Bytes fed to a decoder the way a socket might deliver them, and bytes mutated at random: what the
 * differential tests of the fast head parsers (requests and backend responses) share.
 */
public final class DecoderFeed {

    private DecoderFeed() {
    }

    /**
     * What {@code channel}'s decoder makes of {@code input}, fed in pieces at the given split points
     * (ascending, within the input), each message written out by {@code describe} and released; with
     * {@code close} the channel is then closed and what the decoder makes of the end of the stream
     * follows a {@code "closed"} line.
     */
    public static List<String> decode(EmbeddedChannel channel, byte[] input, boolean close,
                                      Function<Object, String> describe, int... splits) {
        List<String> seen = new ArrayList<>();
        int from = 0;
        try {
            for (int split : splits) {
                if (split > from && split < input.length) {
                    channel.writeInbound(Unpooled.wrappedBuffer(input, from, split - from));
                    from = split;
                    drain(channel, seen, describe);
                }
            }
            channel.writeInbound(Unpooled.wrappedBuffer(input, from, input.length - from));
            drain(channel, seen, describe);
            if (close) {
                channel.finish();
                seen.add("closed");
                drain(channel, seen, describe);
            }
        } catch (RuntimeException e) {
            seen.add("exception " + e.getClass().getName());
        } finally {
            channel.finishAndReleaseAll();
        }
        return seen;
    }

    private static void drain(EmbeddedChannel channel, List<String> seen, Function<Object, String> describe) {
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            seen.add(describe.apply(message));
            ReferenceCountUtil.release(message);
        }
    }

    /** {@code bytes} with one to three edits: a byte replaced, inserted or removed, new bytes from {@code alphabet}. */
    public static byte[] mutate(Random random, byte[] bytes, byte[] alphabet) {
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(3)) {
                case 0 -> bytes[at] = alphabet[random.nextInt(alphabet.length)];
                case 1 -> bytes = splice(bytes, at, new byte[]{alphabet[random.nextInt(alphabet.length)]}, 0);
                default -> bytes = splice(bytes, at, new byte[0], 1);
            }
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert, int remove) {
        int removed = Math.min(remove, bytes.length - at);
        byte[] out = new byte[bytes.length - removed + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + removed, out, at + insert.length, bytes.length - at - removed);
        return out;
    }

    /** The split points to try for an input this long: every one, or every 97th for long inputs. */
    public static int splitStep(int length) {
        return length > 2000 ? 97 : 1;
    }
}
