package dev.watchdog.deploys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void findsTheNextLinkAmongOthers() {
        assertThat(LinkHeader.next("<https://api.github.com/repositories/1/deployments?page=1>; rel=\"prev\", "
                + "<https://api.github.com/repositories/1/deployments?page=3>; rel=\"next\", "
                + "<https://api.github.com/repositories/1/deployments?page=9>; rel=\"last\""))
                .contains("https://api.github.com/repositories/1/deployments?page=3");
    }

    @Test
    void acceptsUnquotedAndMultipleRelations() {
        assertThat(LinkHeader.next("<https://x.example/a?page=2>; rel=next")).contains("https://x.example/a?page=2");
        assertThat(LinkHeader.next("<https://x.example/a?page=2>; title=\"x\"; rel=\"last next\""))
                .contains("https://x.example/a?page=2");
    }

    @Test
    void noNextLinkOnTheLastPage() {
        assertThat(LinkHeader.next("<https://x.example/a?page=1>; rel=\"first\", <https://x.example/a?page=1>; rel=\"prev\""))
                .isEmpty();
        assertThat(LinkHeader.next(null)).isEmpty();
        assertThat(LinkHeader.next("garbage")).isEmpty();
    }
}
