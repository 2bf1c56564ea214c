package dev.gatehouse.gateway.proxy;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * A backend connection's strict response decoder: every head passes {@link ResponseFraming#check}
 * (GW-19: a refused head becomes a failed decoder result, and the exchange closes the connection),
 * and the answer to a {@code HEAD} request has no body whatever length it announces. One request is
 * in flight per connection, so the method to pair with is a flag, not a queue.
 */
final class BackendResponseDecoder extends HttpResponseDecoder {

    private boolean answeringHead;

    BackendResponseDecoder() {
        super(new HttpDecoderConfig().setMaxInitialLineLength(8192).setMaxHeaderSize(16 * 1024)
                .setMaxChunkSize(16 * 1024));
    }

    /** Set before each request is written. */
    void expect(boolean head) {
        this.answeringHead = head;
    }

    /** Called once per response head, with every field parsed and before the body framing is chosen. */
    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
        ResponseFraming.check(message);
        int status = ((HttpResponse) message).status().code();
        if (status >= 100 && status < 200 && status != 101) {
            return super.isContentAlwaysEmpty(message); // an interim answer: the final one is still to come
        }
        return answeringHead || super.isContentAlwaysEmpty(message);
    }
}
