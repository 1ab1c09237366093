package org.deleveraging.shell;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

import jakarta.validation.Configuration;
import jakarta.validation.Constraint;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.spi.BootstrapState;
import jakarta.validation.spi.ConfigurationState;
import jakarta.validation.spi.ValidationProvider;

/**
 * The Bean Validation provider Spring Shell finds in place of Hibernate Validator, which the build leaves out
 * (pom.xml): Spring Shell 3.4 builds a validator when it starts and checks each command's arguments with it, but no
 * command here declares a constraint ({@code @Min}, {@code @Pattern}, ...), and Hibernate Validator's 484 classes and
 * its set-up cost every start (src/docs/performance.md, "One-off commands and the session"). Missing or malformed
 * options are the shell's parser's to report and are unaffected. Every validation finds nothing to check and nothing
 * violated, except that a method declaring a constraint is refused rather than run unchecked: put Hibernate
 * Validator back then.
 */
public final class NoConstraintsValidation implements ValidationProvider<NoConstraintsValidation.Config> {
    /** The provider's configuration type, as the SPI wants one; nothing in it is configurable. */
    public interface Config extends Configuration<Config> {}

    @Override
    public Config createSpecializedConfiguration(BootstrapState state) { return proxy(Config.class); }

    @Override
    public Configuration<?> createGenericConfiguration(BootstrapState state) { return proxy(Config.class); }

    @Override
    public ValidatorFactory buildValidatorFactory(ConfigurationState state) { return proxy(ValidatorFactory.class); }

    /**
     * {@code type} answering every call with nothing found: the configuration's setters return it, a Bean Validation
     * interface (the factory, validator, descriptors) is another such proxy, a set is empty, a flag false.
     */
    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type) {
        return (T) Proxy.newProxyInstance(NoConstraintsValidation.class.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) return objectMethod(self, method, args);
                    if (method.getName().startsWith("validate")) refuseConstraints(args);
                    Class<?> r = method.getReturnType();
                    if (r.isInstance(self)) return self;
                    if (r == ValidatorFactory.class || method.getName().equals("buildValidatorFactory"))
                        return proxy(ValidatorFactory.class);
                    if (r.isInterface() && r.getName().startsWith("jakarta.validation.")) return proxy(r);
                    if (r == Set.class) return Set.of();
                    // false, 0 or null: a primitive's default value
                    return r.isPrimitive() && r != void.class ? Array.get(Array.newInstance(r, 1), 0) : null;
                });
    }

    private static Object objectMethod(Object self, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> self == args[0];
            case "hashCode" -> System.identityHashCode(self);
            default -> "NoConstraintsValidation";
        };
    }

    /** A constraint on the method being validated would go unchecked: refuse rather than pass it. */
    static void refuseConstraints(Object[] args) {
        if (args == null) return;
        for (Object a : args) {
            if (a instanceof Method m) {
                for (Annotation[] parameter : m.getParameterAnnotations())
                    for (Annotation an : parameter) refuse(an, m.toString());
                for (Annotation an : m.getAnnotations()) refuse(an, m.toString());
            }
        }
    }

    private static void refuse(Annotation an, String where) {
        if (an.annotationType().isAnnotationPresent(Constraint.class)
                || an.annotationType().getName().startsWith("jakarta.validation."))
            throw new IllegalStateException(where + " declares the constraint @" + an.annotationType().getSimpleName()
                    + ", which nothing would check: this build has no Bean Validation provider"
                    + " (org.deleveraging.shell.NoConstraintsValidation); put Hibernate Validator back in pom.xml");
    }
}
