package dev.watchdog.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlashCommandRouterTest {

    private final List<CommandInput> received = new ArrayList<>();
    private final SlashCommandRouter router = new SlashCommandRouter().add(new SubCommand() {
        @Override
        public String name() {
            return "status";
        }

        @Override
        public String usage() {
            return "status";
        }

        @Override
        public String description() {
            return "what is going on";
        }

        @Override
        public CommandReply handle(CommandInput input) {
            received.add(input);
            return CommandReply.ephemeral("all good");
        }
    });

    @Test
    void routesToTheSubCommandWithItsArguments() {
        CommandReply reply = router.dispatch("U1", "C1", "  STATUS   now  please ");

        assertThat(reply.text()).isEqualTo("all good");
        assertThat(received).containsExactly(new CommandInput("U1", "C1", "status", List.of("now", "please")));
    }

    @Test
    void noSubCommandShowsHelpListingEverySubCommand() {
        CommandReply reply = router.dispatch("U1", "C1", "");

        assertThat(reply.text()).contains("• `/watchdog help`: what Watchdog can do for you",
                "• `/watchdog status`: what is going on");
        assertThat(reply.inChannel()).isFalse();
    }

    @Test
    void unknownSubCommandGetsAnEphemeralUsageMessage() {
        CommandReply reply = router.dispatch("U1", "C1", "<!channel> go");

        assertThat(reply.text()).isEqualTo(
                "Unknown sub-command `&lt;!channel&gt;`. Usage: `/watchdog help`, `/watchdog status`");
        assertThat(reply.inChannel()).isFalse();
        assertThat(received).isEmpty();
    }
}
