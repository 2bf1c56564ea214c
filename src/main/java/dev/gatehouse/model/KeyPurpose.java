package dev.gatehouse.model;

/** Cognito signs access and ID tokens with different keys (SPEC §2.3). */
public enum KeyPurpose {
    ACCESS, ID
}
