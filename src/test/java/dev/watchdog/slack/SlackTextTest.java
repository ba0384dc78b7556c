package dev.watchdog.slack;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SlackTextTest {

    @ParameterizedTest
    @MethodSource("dev.watchdog.slack.HostileText#strings")
    void noMentionBroadcastOrLinkSurvives(String hostile) {
        HostileText.assertNeutralised(SlackMessage.text(SlackText.escape(hostile)));
    }

    @Test
    void theCheckFindsMentionsBroadcastsAndLinksAnywhereSlackReadsMrkdwn() {
        SlackMessage inBlock = SlackMessage.of("fine", List.of(section(s -> s.text(markdownText("see <#C0123ABCD>")))));

        assertThatThrownBy(() -> HostileText.assertNeutralised(SlackMessage.text("ping <!here>")))
                .hasMessageContaining("<!here>");
        assertThatThrownBy(() -> HostileText.assertNeutralised(SlackMessage.text("hey @channel")))
                .hasMessageContaining("broadcast");
        assertThatThrownBy(() -> HostileText.assertNeutralised(inBlock)).hasMessageContaining("<#C0123ABCD>");
        HostileText.assertNeutralised(SlackMessage.text("by <!subteam^S1>"), "<!subteam^S1>");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            <!channel> DiskFull                     | &lt;!channel&gt; DiskFull
            approved by <@U123>                     | approved by &lt;@U123&gt;
            "<https://evil.example|graph>"          | "&lt;https://evil.example|graph&gt;"
            Q&A                                     | Q&amp;A
            &lt;!here&gt;                           | &amp;lt;!here&amp;gt;
            *bold* _italic_ `code` ~strike~         | *bold* _italic_ `code` ~strike~
            """)
    void escapesAmpersandAndAngleBracketsAndKeepsFormatting(String text, String expected) {
        assertThat(SlackText.escape(text)).isEqualTo(expected);
    }

    @Test
    void defusesBareBroadcastWordsWithAWordJoinerAndLeavesAddressesAlone() {
        assertThat(SlackText.escape("@channel, @HERE and (@everyone)"))
                .isEqualTo("@\u2060channel, @\u2060HERE and (@\u2060everyone)");
        assertThat(SlackText.escape("mail oncall@here.example or bob@channel.io, ping @channels"))
                .isEqualTo("mail oncall@here.example or bob@channel.io, ping @channels");
    }

    @Test
    void redactsSecretsAndRemovesInvisibleCharacters() {
        assertThat(SlackText.escape("retry with password=hunter2 and xoxb-2222222222-3333333333333-AbCdEfGhIjKl"))
                .isEqualTo("retry with password=[REDACTED:password] and [REDACTED:slack-token]");
        assertThat(SlackText.escape("evil\u202egnp.exe\u200f\ttab")).isEqualTo("evilgnp.exe tab");
    }

    @Test
    void cutsAfterRedactingAndBeforeEscaping() {
        String token = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

        assertThat(SlackText.escape("key " + token + " leaked", 20)).isEqualTo("key [REDACTED:githu…");
        assertThat(SlackText.escape("a <b> c", 4)).isEqualTo("a &lt;…");
    }

    @Test
    void nullIsEmpty() {
        assertThat(SlackText.escape(null)).isEmpty();
        assertThat(SlackText.escape(null, 10)).isEmpty();
    }
}
