package dev.gatehouse.model.api;

/** Rate (requests per second) and burst of a stage or a method; null members mean "not limited here". */
public record ThrottleSettings(Double rateLimit, Integer burstLimit) {
}
