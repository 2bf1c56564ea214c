package dev.gatehouse.security.catalog;

import dev.gatehouse.model.Ids;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * SECURITY LG-06: 100 000 client secrets and 100 000 key ids from {@link Ids} — the promised
 * alphabet and length, at least 128 bits each, no duplicates, and no time or sequence component
 * (every position, the first included, is uniformly spread; neighbours share no prefix).
 */
class SecretGenerationTest {

    private static final int COUNT = 100_000;

    @Test
    void clientSecretsWhenGeneratedThenUniformUniqueAndWithinTheAlphabet() {
        // 51 of [a-z0-9]: log2(36) * 51 = 263 bits, inside the [\w+] of Cognito's ClientSecretType
        Set<String> secrets = generate(Ids::clientSecret, "[a-z0-9]{51}");
        assertUniform(secrets, "abcdefghijklmnopqrstuvwxyz0123456789");
    }

    /**
     * Key ids keep Cognito's observed shape (SPEC §3.1: 44-character standard base64, so {@code /}
     * and {@code =} occur — a kid is public, its alphabet is a compatibility matter, not a secret's);
     * each is 32 random bytes, 256 bits.
     */
    @Test
    void keyIdsWhenGeneratedThen32RandomBytesUniqueAndUniform() {
        Set<String> kids = generate(Ids::keyId, "[A-Za-z0-9+/]{43}=");
        int[] byteCounts = new int[256];
        for (String kid : kids) {
            byte[] bytes = Base64.getDecoder().decode(kid);
            if (bytes.length != 32) {
                fail("kid of %d bytes: %s", bytes.length, kid);
            }
            for (byte b : bytes) {
                byteCounts[b & 0xff]++;
            }
        }
        double expected = COUNT * 32 / 256.0; // 12 500, sigma about 112
        for (int count : byteCounts) {
            assertThat((double) count).isBetween(expected * 0.9, expected * 1.1);
        }
    }

    @Test
    void clientIdsWhenGeneratedThenUniformAndUnique() {
        Set<String> ids = generate(Ids::clientId, "[a-z0-9]{26}");
        assertUniform(ids, "abcdefghijklmnopqrstuvwxyz0123456789");
    }

    @Test
    void idsWhenInspectedThenDrawnFromASecureRandom() throws Exception {
        Field random = Ids.class.getDeclaredField("RANDOM");
        assertThat(Modifier.isStatic(random.getModifiers())).isTrue();
        assertThat(random.getType()).isEqualTo(SecureRandom.class);
    }

    private static Set<String> generate(Supplier<String> generator, String shape) {
        Pattern pattern = Pattern.compile(shape);
        Set<String> values = new HashSet<>(COUNT * 2);
        String previous = "";
        for (int i = 0; i < COUNT; i++) {
            String value = generator.get();
            if (!pattern.matcher(value).matches()) {
                fail("value %d does not match %s: %s", i, shape, value);
            }
            if (!values.add(value)) {
                fail("duplicate after %d values", i);
            }
            // a time or counter component would make neighbours share a prefix
            if (commonPrefix(previous, value) >= 6) {
                fail("value %d shares a 6-character prefix with the previous one", i);
            }
            previous = value;
        }
        return values;
    }

    /** Every position, the first included, spreads evenly over the alphabet. */
    private static void assertUniform(Set<String> values, String alphabet) {
        int length = values.iterator().next().length();
        int[][] counts = new int[length][128];
        for (String value : values) {
            for (int i = 0; i < length; i++) {
                counts[i][value.charAt(i)]++;
            }
        }
        double expected = (double) COUNT / alphabet.length(); // about 2 778 per position, sigma about 52
        for (int i = 0; i < length; i++) {
            for (char c : alphabet.toCharArray()) {
                assertThat((double) counts[i][c]).as("'%s' at position %d", c, i).isBetween(expected * 0.8, expected * 1.2);
            }
        }
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }
}
