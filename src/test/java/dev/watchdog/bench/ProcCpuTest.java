package dev.watchdog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcCpuTest {

    @Test
    void addsUserAndSystemTicksCountingFieldsFromTheEndOfTheCommandName() {
        // the command holds spaces and parentheses, as a process may name itself anything
        String line = "4242 (prom (eval) 1) S 1 4242 4242 0 -1 4194560 52114 0 3 0 1500 250 7 9 20 0 14 0 "
                + "123456 2147483648 30000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";

        assertThat(ProcCpu.ticks(line)).isEqualTo(1750);
    }

    @Test
    void readsThisJvmsOwnStatAsGrowingCpuTime() {
        ProcCpu self = new ProcCpu(ProcessHandle.current().pid());
        double before = self.seconds();
        long spin = 0;
        for (long i = 0; i < 300_000_000L; i++) {
            spin += i ^ (spin >>> 3);
        }

        assertThat(self.seconds()).as("after spinning (%d)", spin).isGreaterThan(before);
    }

    @Test
    void refusesALineThatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcCpu.ticks("4242 prom S 1 2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no command in parentheses");
        assertThatThrownBy(() -> ProcCpu.ticks("4242 (prom) S 1 2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 15 fields");
    }
}
