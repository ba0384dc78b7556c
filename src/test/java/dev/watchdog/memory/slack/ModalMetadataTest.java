package dev.watchdog.memory.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The modals' metadata: read back only when whole and signed with this workspace's bot token. */
class ModalMetadataTest {

    private final ModalMetadata metadata = new ModalMetadata("xoxb-one");
    private final ModalMetadata.Fields fields = new ModalMetadata.Fields(42, "C0ALERTS01", "1790000000.000100",
            "U0ALICE", "T0TEAM");

    @Test
    void whatWasSignedIsReadBack() {
        assertThat(metadata.verify(metadata.sign(fields))).contains(fields);
    }

    @Test
    void changedOrForeignMetadataIsRefused() {
        String signed = metadata.sign(fields);

        assertThat(metadata.verify(signed.replaceFirst("^42", "43"))).as("another alert").isEmpty();
        assertThat(metadata.verify(signed.replace("U0ALICE", "U0MALLORY"))).as("another user").isEmpty();
        assertThat(metadata.verify(signed.substring(0, signed.length() - 1))).as("cut signature").isEmpty();
        assertThat(new ModalMetadata("xoxb-other").verify(signed)).as("another workspace's key").isEmpty();
        assertThat(metadata.verify("42|C0ALERTS01")).isEmpty();
        assertThat(metadata.verify(null)).isEmpty();
    }
}
