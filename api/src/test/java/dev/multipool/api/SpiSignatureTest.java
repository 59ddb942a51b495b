package dev.multipool.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The SPI is what third parties compile against: every public signature in {@code dev.multipool.api}
 * may mention only JDK types ({@code java.*}), SPI types and pf4j's {@code ExtensionPoint}. The
 * enforcer's bannedDependencies rule keeps other libraries off the classpath; this keeps them out
 * of the signatures (a pf4j type other than ExtensionPoint, for example).
 */
public class SpiSignatureTest {

    private static final String SPI_PACKAGE = IpAddress.class.getPackageName();

    @Test
    @DisplayName("public SPI signatures mention only java.*, dev.multipool.api and org.pf4j.ExtensionPoint")
    void publicSignaturesStayInsideTheSpi() throws Exception {
        List<Class<?>> classes = spiClasses();

        assertThat(classes).as("the compiled SPI classes were found")
                .contains(IpAddress.class, IpamConsumer.class, LabelRequirement.Operator.class);
        List<String> violations = new ArrayList<>();
        for (Class<?> type : classes) {
            violations.addAll(violations(type));
        }
        assertThat(violations).isEmpty();
    }

    @Test
    @DisplayName("the check finds foreign types in methods, constructors, fields, generics and supertypes")
    void checkFindsForeignTypes() {
        assertThat(violations(Leaky.class)).hasSize(7).anySatisfy(v -> assertThat(v).contains("org.pf4j.Plugin"))
                .anySatisfy(v -> assertThat(v).contains("org.junit.jupiter.api.TestInfo"))
                .anySatisfy(v -> assertThat(v).contains("org.assertj.core.api.Assertions"))
                .anySatisfy(v -> assertThat(v).contains("org.junit.jupiter.api.Test"));
        assertThat(violations(Clean.class)).isEmpty();
    }

    /** Everything public that the SPI declares breaks the rule somewhere. */
    public static class Leaky implements Comparable<org.junit.jupiter.api.TestInfo> {

        /** A foreign field type. */
        public org.junit.jupiter.api.TestInfo info;

        /** Not checked: private. */
        @SuppressWarnings("unused")
        private org.pf4j.PluginManager hidden;

        /** A foreign constructor parameter. */
        public Leaky(org.pf4j.Plugin plugin) {
        }

        /** A foreign type argument. */
        public List<? extends org.assertj.core.api.Assertions> assertions() {
            return List.of();
        }

        /** A foreign bound of a type variable. */
        public <T extends org.junit.jupiter.api.Test> T[] annotations() {
            return null;
        }

        @Override
        public int compareTo(org.junit.jupiter.api.TestInfo other) {
            return 0;
        }
    }

    /** Allowed: JDK types, SPI types, ExtensionPoint, recursive bounds. */
    public abstract static class Clean implements org.pf4j.ExtensionPoint, Comparable<Clean> {

        /** Fine. */
        public abstract <T extends Comparable<T>> java.util.Map<String, List<IpAddress[]>> fine(T value)
                throws IOException;

        @SuppressWarnings("unused")
        private org.pf4j.Plugin hidden() {
            return null;
        }
    }

    /** Returns the problems of one class, or none if it is not visible outside the SPI. */
    static List<String> violations(Class<?> type) {
        List<String> out = new ArrayList<>();
        if (!isExported(type)) {
            return out;
        }
        String name = type.getName();
        for (TypeVariable<?> variable : type.getTypeParameters()) {
            check(variable, name + " type parameter " + variable, out);
        }
        check(type.getGenericSuperclass(), name + " superclass", out);
        for (Type implemented : type.getGenericInterfaces()) {
            check(implemented, name + " implements", out);
        }
        for (Field field : type.getDeclaredFields()) {
            if (visible(field.getModifiers()) && !field.isSynthetic()) {
                check(field.getGenericType(), name + "." + field.getName(), out);
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            checkExecutable(constructor, name + " constructor", out);
        }
        for (Method method : type.getDeclaredMethods()) {
            checkExecutable(method, name + "." + method.getName() + "()", out);
            if (visible(method.getModifiers()) && !method.isSynthetic()) {
                check(method.getGenericReturnType(), name + "." + method.getName() + "() returns", out);
            }
        }
        return out;
    }

    private static void checkExecutable(Executable executable, String where, List<String> out) {
        if (!visible(executable.getModifiers()) || executable.isSynthetic()) {
            return;
        }
        for (TypeVariable<?> variable : executable.getTypeParameters()) {
            check(variable, where + " type parameter " + variable, out);
        }
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(parameter, where + " parameter", out);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(thrown, where + " throws", out);
        }
    }

    private static void check(Type type, String where, List<String> out) {
        Set<Type> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Class<?>> mentioned = new ArrayList<>();
        collect(type, seen, mentioned);
        for (Class<?> mention : mentioned) {
            if (!allowed(mention)) {
                out.add(where + " mentions " + mention.getName());
            }
        }
    }

    private static void collect(Type type, Set<Type> seen, List<Class<?>> out) {
        if (type == null || !seen.add(type)) {
            return;
        }
        if (type instanceof Class<?> plain) {
            Class<?> element = plain;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            out.add(element);
        } else if (type instanceof ParameterizedType parameterized) {
            collect(parameterized.getRawType(), seen, out);
            collect(parameterized.getOwnerType(), seen, out);
            for (Type argument : parameterized.getActualTypeArguments()) {
                collect(argument, seen, out);
            }
        } else if (type instanceof WildcardType wildcard) {
            for (Type bound : wildcard.getUpperBounds()) {
                collect(bound, seen, out);
            }
            for (Type bound : wildcard.getLowerBounds()) {
                collect(bound, seen, out);
            }
        } else if (type instanceof TypeVariable<?> variable) {
            for (Type bound : variable.getBounds()) {
                collect(bound, seen, out);
            }
        } else if (type instanceof GenericArrayType array) {
            collect(array.getGenericComponentType(), seen, out);
        }
    }

    private static boolean allowed(Class<?> type) {
        if (type.isPrimitive() || type == org.pf4j.ExtensionPoint.class) {
            return true;
        }
        String pkg = type.getPackageName();
        return pkg.equals("java") || pkg.startsWith("java.") || pkg.equals(SPI_PACKAGE)
                || pkg.startsWith(SPI_PACKAGE + ".");
    }

    private static boolean isExported(Class<?> type) {
        for (Class<?> at = type; at != null; at = at.getEnclosingClass()) {
            if (!Modifier.isPublic(at.getModifiers()) || at.isAnonymousClass() || at.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** Lists the compiled classes of the SPI package from its directory or jar. */
    private static List<Class<?>> spiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path location = Path.of(IpAddress.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String prefix = SPI_PACKAGE.replace('.', '/') + "/";
        List<String> entries = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> walk = Files.walk(location.resolve(prefix))) {
                walk.filter(path -> path.toString().endsWith(".class"))
                        .forEach(path -> entries.add(location.relativize(path).toString().replace('\\', '/')));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(java.util.zip.ZipEntry::getName)
                        .filter(entry -> entry.startsWith(prefix) && entry.endsWith(".class")).forEach(entries::add);
            }
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String entry : entries) {
            String className = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
            if (!className.endsWith("package-info") && !className.endsWith("module-info")) {
                classes.add(Class.forName(className, false, IpAddress.class.getClassLoader()));
            }
        }
        return classes;
    }
}
