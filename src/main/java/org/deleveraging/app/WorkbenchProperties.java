package org.deleveraging.app;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the workbench finds its policies and what it does on first start ({@code workbench.*} in
 * application.properties, overridable on the command line as {@code --workbench.policies-dir=...}).
 *
 * @param policiesDir the folder of policies, one sub-folder each
 * @param rulesDir the folder of shared rule modules the policies name
 * @param defaultPolicy the policy active at start, when it loads
 * @param demoOnFirstStart create the demo account set the first time the store is opened
 * @param engineVersion recorded with every run
 * @param policyCache keep compiled policies on disk, so that a start with unchanged policies compiles nothing
 * @param policyCacheDir where; by default {@code policy-cache} next to the H2 database file
 */
@ConfigurationProperties("workbench")
public record WorkbenchProperties(Path policiesDir, Path rulesDir, String defaultPolicy, boolean demoOnFirstStart,
                                  String engineVersion, @DefaultValue("true") boolean policyCache,
                                  Path policyCacheDir) {
    public WorkbenchProperties {
        if (policiesDir == null) policiesDir = Path.of("policies");
        if (rulesDir == null) rulesDir = Path.of("rules");
        if (defaultPolicy == null || defaultPolicy.isBlank()) defaultPolicy = "bitmex";
        if (engineVersion == null || engineVersion.isBlank() || engineVersion.startsWith("@")) engineVersion = "dev";
    }
}
