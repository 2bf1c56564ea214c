package dev.gatehouse.admin.cognito;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SECURITY §2.11 (7), AD-08: a NextToken the server did not issue never opens, and every refusal
 * is {@link CognitoException} ("Invalid pagination token."), never another exception. A token it
 * did issue opens to its position, only for its own operation and scope. The seeds include tokens
 * issued under another MAC key ({@link #FOREIGN}) and edited ones: PaginationTokensFuzzTestInputs/open.
 */
class PaginationTokensFuzzTest {

    /** The key the tested instance uses; no seed was issued under it. */
    private static final PaginationTokens TOKENS = new PaginationTokens("fuzz-target-mac-key-0123456789ab".getBytes(StandardCharsets.UTF_8));
    /** The key the seed tokens were issued under (a deployment with another master key). */
    static final PaginationTokens FOREIGN = new PaginationTokens("foreign-mac-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @FuzzTest(maxDuration = "30s")
    void open(FuzzedDataProvider data) {
        String token = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TOKENS.open("ListUserPools", "us-east-1", token))
                .isInstanceOf(CognitoException.class)
                .hasMessage("Invalid pagination token.");

        // What this instance issues for the same position opens here, and only here. Positions are
        // ids (at most 256 characters); a position over about 3 KB makes a token longer than open accepts.
        if (token.getBytes(StandardCharsets.UTF_8).length > 1024) {
            return;
        }
        String issued = TOKENS.issue("ListUserPools", "us-east-1", token);
        assertThat(TOKENS.open("ListUserPools", "us-east-1", issued)).isEqualTo(token);
        assertThatThrownBy(() -> TOKENS.open("ListUserPools", "eu-west-1", issued)).isInstanceOf(CognitoException.class);
        assertThatThrownBy(() -> TOKENS.open("ListUserPoolClients", "us-east-1", issued)).isInstanceOf(CognitoException.class);
    }
}
