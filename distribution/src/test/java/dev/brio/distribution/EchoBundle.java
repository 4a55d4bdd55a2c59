package dev.brio.distribution;

import dev.brio.api.mesh.MeshTarget;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.osgi.framework.BundleActivator;

/**
 * A Java bundle that serves mesh calls, built the way a user would build one: its source below is
 * compiled against the Brio API and the OSGi framework, and packed with a manifest. Its target
 * {@code echo} answers {@code {"echo": <args>, "method": "<method>"}}.
 */
final class EchoBundle {
  static final String TARGET = "echo";

  private static final String SOURCE =
      """
      package hot.echo;

      import dev.brio.api.mesh.MeshTarget;
      import dev.brio.api.mesh.Payload;
      import java.util.Hashtable;
      import org.osgi.framework.BundleActivator;
      import org.osgi.framework.BundleContext;

      public final class Activator implements BundleActivator {
        @Override
        public void start(BundleContext context) {
          var properties = new Hashtable<String, Object>();
          properties.put(MeshTarget.NAME, "echo");
          MeshTarget echo =
              (call, args) ->
                  switch (args) {
                    case Payload.Json json ->
                        Payload.json(
                            "{\\"echo\\":" + json.text() + ",\\"method\\":\\"" + call.method() + "\\"}");
                    case Payload.Binary binary -> binary;
                  };
          context.registerService(MeshTarget.class, echo, properties);
        }

        @Override
        public void stop(BundleContext context) {}
      }
      """;

  private EchoBundle() {}

  static void build(Path workDir, Path jar) throws IOException, URISyntaxException {
    Path sources = Files.createDirectories(workDir.resolve("src/hot/echo"));
    Path classes = Files.createDirectories(workDir.resolve("classes"));
    Path activator = Files.writeString(sources.resolve("Activator.java"), SOURCE);
    String classPath = String.join(":", jarOf(MeshTarget.class), jarOf(BundleActivator.class));
    int status =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "--release",
                "25",
                "-cp",
                classPath,
                "-d",
                classes.toString(),
                activator.toString());
    if (status != 0) {
      throw new IOException("the echo bundle did not compile");
    }
    var manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Bundle-ManifestVersion", "2");
    main.putValue("Bundle-SymbolicName", "test.echo");
    main.putValue("Bundle-Version", "1.0.0");
    main.putValue("Bundle-Activator", "hot.echo.Activator");
    main.putValue(
        "Import-Package",
        "dev.brio.api.mesh;version=\"[0.1,1)\",org.osgi.framework;version=\"[1.8,2)\"");
    try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      for (Path file : List.of(classes.resolve("hot/echo/Activator.class"))) {
        out.putNextEntry(new JarEntry("hot/echo/Activator.class"));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
  }

  private static String jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
