package io.github.keras4j.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class OptionalDependencyTest {

    @Test
    void theTestClasspathHasEveryOptionalDependency() {
        for (OptionalDependency dependency : OptionalDependency.values()) {
            assertDoesNotThrow(() -> dependency.require(), dependency.name());
        }
    }

    @Test
    void aMissingDependencyIsNamedWithItsCoordinates() {
        // The platform class loader sees the JDK only.
        ClassLoader jdkOnly = ClassLoader.getPlatformClassLoader();
        IllegalStateException picocli = assertThrows(IllegalStateException.class,
                () -> OptionalDependency.PICOCLI.require(jdkOnly));
        assertTrue(picocli.getMessage().startsWith("the command line needs picocli on the classpath; missing: "
                + "info.picocli:picocli:4.7.6. Add it to your build"), picocli.getMessage());
        IllegalStateException xchart = assertThrows(IllegalStateException.class,
                () -> OptionalDependency.XCHART.require(jdkOnly));
        assertTrue(xchart.getMessage().startsWith("plots need XChart on the classpath; missing: "
                + "org.knowm.xchart:xchart:3.8.8. Add it to your build"), xchart.getMessage());
    }

    @Test
    void presentFindsAClassWithoutInitializingIt() {
        assertTrue(OptionalDependency.present(getClass().getClassLoader(), "org.knowm.xchart.XYChart"));
        assertFalse(OptionalDependency.present(getClass().getClassLoader(), "org.knowm.xchart.NoSuchChart"));
    }

    /** The coordinates in the error messages are those the pom declares, optional. */
    @Test
    void thePomDeclaresEachOneOptionalAtTheNamedVersion() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Element project = pom.getDocumentElement();
        Element properties = child(project, "properties");
        Element dependencies = child(project, "dependencies");
        for (OptionalDependency dependency : OptionalDependency.values()) {
            String[] coordinates = dependency.coordinates().split(":");
            List<Element> declared = new ArrayList<>();
            NodeList all = dependencies.getElementsByTagName("dependency");
            for (int i = 0; i < all.getLength(); i++) {
                Element candidate = (Element) all.item(i);
                if (text(candidate, "groupId").equals(coordinates[0])
                        && text(candidate, "artifactId").equals(coordinates[1])) {
                    declared.add(candidate);
                }
            }
            assertEquals(1, declared.size(), dependency.coordinates());
            String version = text(declared.get(0), "version");
            if (version.startsWith("${")) {
                version = text(properties, version.substring(2, version.length() - 1));
            }
            assertEquals(coordinates[2], version, dependency.coordinates());
            assertEquals("true", text(declared.get(0), "optional"), dependency.coordinates());
        }
    }

    private static Element child(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                return element;
            }
        }
        throw new AssertionError("pom.xml: no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }
}
