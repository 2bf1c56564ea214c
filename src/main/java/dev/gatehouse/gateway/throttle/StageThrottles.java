package dev.gatehouse.gateway.throttle;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.model.api.DeployedStage;
import dev.gatehouse.model.api.ThrottleSettings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Stage and method throttling (API Gateway: stage {@code throttle} and {@code methodSettings}) as
 * token buckets in this node's memory. A request passes only when the stage bucket and its method's
 * bucket both have a token. The method bucket is the one set for {@code /resource/path/METHOD}, else
 * the {@code * /*} default (each method gets its own bucket with those limits, as on AWS). A
 * setting without a rate or burst does not limit. Buckets live as long as the deployed stage object
 * they belong to, so a redeployment starts them afresh. Per node: DESIGN §6 wants a shared store
 * for cluster-wide limits; that is not done here.
 */
public final class StageThrottles {

    private final LongSupplier nanoTime;
    private final Cache<DeployedStage, Map<String, TokenBucket>> buckets = Caffeine.newBuilder().weakKeys()
            .executor(Runnable::run).build(); // upkeep on the caller: no hand-off to another thread per few reads

    public StageThrottles(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    public StageThrottles() {
        this(System::nanoTime);
    }

    /** True when the request may go on. */
    public boolean tryAcquire(DeployedStage stage, String resourcePath, String httpMethod) {
        Map<String, ThrottleSettings> methodThrottles = stage.stage().methodThrottles();
        if (methodThrottles.isEmpty() && !limits(stage.stage().throttle())) {
            return true; // nothing limits this stage: no bucket to look up
        }
        Map<String, TokenBucket> stageBuckets = buckets.get(stage, s -> new ConcurrentHashMap<>());
        long now = nanoTime.getAsLong();
        String methodKey = resourcePath + "/" + httpMethod;
        ThrottleSettings method = methodThrottles.get(methodKey);
        if (method == null) {
            method = methodThrottles.get("*/*");
        }
        if (!take(stageBuckets, "method " + methodKey, method, now)) {
            return false;
        }
        return take(stageBuckets, "stage", stage.stage().throttle(), now);
    }

    private static boolean limits(ThrottleSettings settings) {
        return settings != null && settings.rateLimit() != null && settings.burstLimit() != null;
    }

    private static boolean take(Map<String, TokenBucket> buckets, String key, ThrottleSettings settings, long now) {
        if (!limits(settings)) {
            return true;
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(settings.rateLimit(), settings.burstLimit(), now))
                .tryTake(now);
    }
}
