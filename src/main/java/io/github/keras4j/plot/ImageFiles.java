package io.github.keras4j.plot;

import io.github.keras4j.internal.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes images with the JDK's {@code javax.imageio}: PNG, and animated GIF through the JDK's GIF writer with the
 * NETSCAPE2.0 looping extension. XChart bundles a GIF encoder ({@code org.knowm.xchart.GifEncoder}, over
 * com.madgag's animated-gif-lib 1.4 of 2017), but it drops the encoder's failure results, so a failed write would
 * go unnoticed; the JDK's writer reports failures as exceptions. Files are written through {@link AtomicFiles}, so a
 * reader never sees half a picture.
 */
final class ImageFiles {

    private static final String GIF_METADATA = "javax_imageio_gif_image_1.0";

    private ImageFiles() {
    }

    static void writePng(BufferedImage image, Path file) {
        write(file, temporary -> {
            if (!ImageIO.write(image, "png", temporary)) {
                throw new IOException("no PNG writer is available in this JDK");
            }
        });
    }

    /** An animated GIF that loops forever, showing each frame for {@code delayMillis} (GIF counts in 1/100 s). */
    static void writeGif(List<BufferedImage> frames, int delayMillis, Path file) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("an animated GIF needs at least one frame");
        }
        write(file, temporary -> {
            Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("gif");
            if (!writers.hasNext()) {
                throw new IOException("no GIF writer is available in this JDK");
            }
            ImageWriter writer = writers.next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(temporary)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                writer.prepareWriteSequence(null);
                for (int i = 0; i < frames.size(); i++) {
                    BufferedImage frame = frames.get(i);
                    IIOMetadata metadata = writer.getDefaultImageMetadata(
                            ImageTypeSpecifier.createFromRenderedImage(frame), param);
                    frameMetadata(metadata, delayMillis, i == 0);
                    writer.writeToSequence(new IIOImage(frame, null, metadata), param);
                }
                writer.endWriteSequence();
            } finally {
                writer.dispose();
            }
        });
    }

    /** The frame delay, and on the first frame the application extension that makes browsers loop the animation. */
    private static void frameMetadata(IIOMetadata metadata, int delayMillis, boolean first) throws IOException {
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(GIF_METADATA);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(Math.max(1, Math.round(delayMillis / 10f))));
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode extensions = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = forever
            extensions.appendChild(loop);
        }
        metadata.setFromTree(GIF_METADATA, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }

    private interface Writing {
        void to(OutputStream temporary) throws IOException;
    }

    private static void write(Path file, Writing writing) {
        AtomicFiles.write(file, writing::to);
    }
}
