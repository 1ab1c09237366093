package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;

import org.deleveraging.engine.StepMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.shell.command.annotation.Command;

/** Issue 22: `help run` (the command's description) defines every column of the step table, in one sentence each. */
class RunHelpDefinesTheColumnsTest {

    @Test
    void help_run_defines_every_step_column_and_how_they_add_up() {
        Method run = Arrays.stream(RunCommands.class.getMethods()).filter(m -> m.getName().equals("run")
                && m.isAnnotationPresent(Command.class)).findFirst().orElseThrow();
        String description = run.getAnnotation(Command.class).description();
        assertThat(description).contains(StepMetrics.SHORTFALL, StepMetrics.FUND_PAID, StepMetrics.FUND,
                StepMetrics.LIQUIDATIONS, StepMetrics.LIQUIDATION_NOTIONAL, StepMetrics.ADL, StepMetrics.ADL_NOTIONAL,
                StepMetrics.ADL_COVERED, StepMetrics.SOCIALISED, StepMetrics.BAD_DEBT, StepMetrics.IDENTITY);
    }
}
