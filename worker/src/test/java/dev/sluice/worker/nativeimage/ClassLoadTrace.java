package dev.sluice.worker.nativeimage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedClassLoader;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a flight recording of {@code jdk.ClassLoad} and {@code jdk.ClassDefine} events (with stack
 * traces) says about classes of the class path (the application class loader; JDK classes are
 * GraalVM's business) that were loaded by name, which is what native-image cannot see:
 *
 * <ul>
 *   <li>a {@code jdk.ClassLoad} whose stack, under the class loader's own frames, starts at {@code
 *       Class.forName} (also how {@code ServiceLoader} loads providers). A load under a {@code
 *       defineClass} frame is the JVM resolving the super types of a class being defined, not a
 *       load by name;
 *   <li>a {@code jdk.ClassDefine} with no {@code jdk.ClassLoad} for the class, reached through
 *       {@code ClassLoader.loadClass}: the JVM posts {@code jdk.ClassLoad} when it resolves a class
 *       itself (a reference in code, {@code Class.forName}), so a class that was only defined was
 *       asked for by a direct {@code loadClass(name)} call.
 * </ul>
 *
 * Classes defined at run time (dynamic proxies, classes defined through a {@code Lookup}) are
 * reported apart; lambdas' hidden classes and the proxies implementing annotations are not:
 * native-image builds those ahead of time.
 */
record ClassLoadTrace(TreeMap<String, String> loadedByName, Set<String> generated) {

  static ClassLoadTrace read(Path recording) {
    List<RecordedEvent> events;
    try {
      events = RecordingFile.readAllEvents(recording);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> resolvedByTheJvm = new HashSet<>();
    TreeMap<String, String> byName = new TreeMap<>();
    Set<String> generated = new TreeSet<>();
    for (RecordedEvent event : events) {
      if (event.getEventType().getName().equals("jdk.ClassLoad")) {
        RecordedClass loaded = event.getClass("loadedClass");
        if (!onTheClassPath(loaded)) {
          continue;
        }
        resolvedByTheJvm.add(loaded.getName());
        String requester = forNameRequester(event.getStackTrace().getFrames());
        if (requester != null) {
          byName.putIfAbsent(loaded.getName(), requester);
        }
      }
    }
    for (RecordedEvent event : events) {
      if (!event.getEventType().getName().equals("jdk.ClassDefine")) {
        continue;
      }
      RecordedClass defined = event.getClass("definedClass");
      String name = defined.getName();
      List<RecordedFrame> frames = event.getStackTrace().getFrames();
      if (onTheClassPath(defined) && definedAtRunTime(frames) && !name.contains("$$Lambda")) {
        generated.add(name + " (by " + firstOutsideTheJdk(frames, 0) + ")");
      } else if (onTheClassPath(defined) && !resolvedByTheJvm.contains(name)) {
        String requester = loadClassRequester(frames);
        if (requester != null) {
          byName.putIfAbsent(name, requester);
        }
      }
    }
    return new ClassLoadTrace(byName, generated);
  }

  private static boolean onTheClassPath(RecordedClass type) {
    RecordedClassLoader loader = type.getClassLoader();
    return loader != null && "app".equals(loader.getName());
  }

  /** The first caller outside the JDK when the load started at Class.forName, else null. */
  private static String forNameRequester(List<RecordedFrame> frames) {
    for (int i = 0; i < frames.size(); i++) {
      String type = typeOf(frames.get(i));
      String method = frames.get(i).getMethod().getName();
      if (type.equals("java.lang.Class") && method.startsWith("forName")) {
        return parsesAnnotationsOrSignatures(frames, i) ? null : firstOutsideTheJdk(frames, i);
      }
      if (method.startsWith("defineClass") || !isClassLoading(type)) {
        return null;
      }
    }
    return null;
  }

  /**
   * Annotation and generic-signature parsing resolve the types they name by name; native-image
   * keeps those of every class and member registered or reached, so they need nothing of their own.
   */
  private static boolean parsesAnnotationsOrSignatures(List<RecordedFrame> frames, int from) {
    for (int i = from; i < frames.size(); i++) {
      String type = typeOf(frames.get(i));
      if (type.startsWith("sun.reflect.annotation.") || type.startsWith("sun.reflect.generics.")) {
        return true;
      }
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        return false;
      }
    }
    return false;
  }

  /** The caller of ClassLoader.loadClass when the definition started there, else null. */
  private static String loadClassRequester(List<RecordedFrame> frames) {
    int i = 0;
    while (i < frames.size() && isClassLoading(typeOf(frames.get(i)))) {
      i++;
    }
    if (i == 0 || i == frames.size()) {
      return null;
    }
    RecordedFrame last = frames.get(i - 1);
    boolean viaLoadClass = last.getMethod().getName().equals("loadClass");
    return viaLoadClass ? firstOutsideTheJdk(frames, i) : null;
  }

  /**
   * Defined by a proxy builder or a {@code Lookup} (under the defining frames), other than the
   * proxies that implement annotations, which native-image makes at build time.
   */
  private static boolean definedAtRunTime(List<RecordedFrame> frames) {
    for (RecordedFrame frame : frames) {
      if (typeOf(frame).equals("sun.reflect.annotation.AnnotationParser")) {
        return false;
      }
    }
    for (RecordedFrame frame : frames) {
      String type = typeOf(frame);
      if (type.equals("java.lang.ClassLoader")
          || type.equals("java.lang.System$2")
          || type.equals("jdk.internal.misc.Unsafe")
          || type.equals("java.lang.invoke.MethodHandles$Lookup$ClassDefiner")) {
        continue;
      }
      return type.equals("java.lang.reflect.Proxy$ProxyBuilder")
          || type.equals("java.lang.invoke.MethodHandles$Lookup");
    }
    return false;
  }

  private static boolean isClassLoading(String type) {
    return type.equals("java.lang.ClassLoader")
        || type.equals("java.lang.System$2")
        || type.equals("java.security.SecureClassLoader")
        || type.equals("java.net.URLClassLoader")
        || type.startsWith("jdk.internal.loader.");
  }

  private static String firstOutsideTheJdk(List<RecordedFrame> frames, int from) {
    for (int i = from; i < frames.size(); i++) {
      String type = typeOf(frames.get(i));
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        return type + "." + frames.get(i).getMethod().getName();
      }
    }
    return "the JDK";
  }

  private static String typeOf(RecordedFrame frame) {
    return frame.getMethod().getType().getName();
  }
}
