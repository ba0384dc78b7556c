package dev.watchdog.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.watchdog.security.Secret;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerAuthTest {

    @Test
    void aTokenAndAUserNameTogetherAreRefused() {
        assertThatThrownBy(() -> PeerAuth.tokenOrBasic(Secret.of("tok"), "watchdog", Secret.of("pw")))
                .hasMessage("use a token or a username and password, not both");
    }

    @Test
    void aBlankTokenOrUserNameSendsNothing() {
        assertThat(PeerAuth.tokenOrBasic(Secret.of("  "), "", Secret.NONE).headers().size()).isZero();
        assertThat(PeerAuth.bearer(Secret.of(" tok \n")).headers().get("Authorization")).isEqualTo("Bearer tok");
    }

    @Test
    void anExtraHeaderCannotReplaceTheAuthorization() {
        PeerAuth auth = PeerAuth.apiKey(Secret.of("a2V5"))
                .withHeaders(Map.of("Authorization", Secret.of("Bearer stolen"), "X-Tenant", Secret.of("acme")));

        assertThat(auth.headers().get("Authorization")).isEqualTo("ApiKey a2V5");
        assertThat(auth.headers().get("X-Tenant")).isEqualTo("acme");
    }

    @Test
    void userInfoOfTheUrlIsBasicAuthUnlessAnAuthorizationIsSet() {
        assertThat(PeerAuth.NONE.orBasic("watchdog", Secret.of("pw")).headers().get("Authorization"))
                .isEqualTo("Basic d2F0Y2hkb2c6cHc=");
        assertThat(PeerAuth.bearer(Secret.of("tok")).orBasic("watchdog", Secret.of("pw")).headers()
                .get("Authorization")).isEqualTo("Bearer tok");
    }

    @Test
    void printsWhatIsSetButNoValue() {
        PeerAuth auth = PeerAuth.basic("watchdog", Secret.of("s3cret-password"))
                .withHeader("X-Api-Key", Secret.of("k3y-value"));

        assertThat(auth).hasToString("PeerAuth[basic, headers=[X-Api-Key]]");
    }

    @Test
    void aHeaderThatCannotBeSentIsRefusedWithoutQuotingItsValue() {
        assertThatThrownBy(() -> PeerAuth.NONE.withHeader("X-Key", Secret.of("s3cret\nvalue")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header 'X-Key' has a name or value that cannot be sent (control or non-ASCII characters)")
                .hasMessageNotContaining("s3cret");
    }
}
