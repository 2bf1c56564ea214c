package dev.gatehouse.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;

/**
 * An RS256 {@link JWSSigner} that keeps one initialised {@link Signature} per thread (a handful of
 * event loops and workers) instead of looking one up and initialising it with the key for every
 * token, as nimbus's {@code RSASSASigner} does: that lookup and {@code initSign} cost about a tenth
 * of a native signature. {@link Signature#sign()} leaves the object initialised for the same key,
 * so it is ready for the next token; after a failure the thread's object is dropped.
 */
final class ReusedSignatureSigner implements JWSSigner {

    private static final String JCA_NAME = "SHA256withRSA";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final Provider provider;
    private final JCAContext jcaContext = new JCAContext();
    private final ThreadLocal<Signature> signatures = new ThreadLocal<>();

    /** @param provider null for the JDK's default provider */
    ReusedSignatureSigner(PrivateKey privateKey, Provider provider) throws GeneralSecurityException {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.provider = provider;
        jcaContext.setProvider(provider);
        newSignature(); // an unusable key fails here, when the signer is built, not on the first token
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.RS256.equals(header.getAlgorithm())) {
            throw new JOSEException("this signer signs RS256 only, not " + header.getAlgorithm());
        }
        Signature signature = signatures.get();
        try {
            if (signature == null) {
                signature = newSignature();
                signatures.set(signature);
            }
            signature.update(signingInput);
            return new Base64URL(BASE64URL.encodeToString(signature.sign()));
        } catch (GeneralSecurityException | RuntimeException e) {
            signatures.remove(); // its state is unknown now
            throw new JOSEException("RS256 signing failed: " + e.getMessage(), e);
        }
    }

    private Signature newSignature() throws GeneralSecurityException {
        Signature signature = provider != null ? Signature.getInstance(JCA_NAME, provider) : Signature.getInstance(JCA_NAME);
        signature.initSign(privateKey);
        return signature;
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.RS256);
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
