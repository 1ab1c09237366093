package org.deleveraging.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;

import org.junit.jupiter.api.Test;

/**
 * The build's stand-in for Hibernate Validator: Spring Shell's check of a command's arguments passes for commands
 * that declare no constraint, and one that declares a constraint is refused instead of running unchecked.
 */
class NoConstraintsValidationTest {
    static class Commands {
        public String plain(int n) { return "ok " + n; }

        public String constrained(@Min(1) int n) { return "ok " + n; }
    }

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void spring_shell_finds_this_provider_and_its_check_of_a_command_without_constraints_passes() throws Exception {
        Method plain = Commands.class.getMethod("plain", int.class);

        assertThat(validator.forExecutables().validateParameters(new Commands(), plain, new Object[] {0})).isEmpty();
        assertThat(validator.validate(new Commands())).isEmpty();
        assertThat(validator.getConstraintsForClass(Commands.class).isBeanConstrained()).isFalse();
    }

    @Test
    void a_command_declaring_a_constraint_is_refused_rather_than_left_unchecked() throws Exception {
        Method constrained = Commands.class.getMethod("constrained", int.class);

        assertThatThrownBy(() -> validator.forExecutables().validateParameters(new Commands(), constrained,
                new Object[] {0})).isInstanceOf(IllegalStateException.class).hasMessageContaining("@Min")
                .hasMessageContaining("Hibernate Validator");
    }
}
