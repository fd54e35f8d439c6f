package io.fxrates.updater.ecb;

import io.fxrates.updater.provider.FeedException;
import io.fxrates.updater.provider.PublishedRate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/** Opens {@code eurofxref-hist.zip} and reads the {@code eurofxref-hist.csv} inside it. */
public final class EcbHistoryZip {
    static final String CSV_ENTRY = "eurofxref-hist.csv";

    private final EcbCsvParser csvParser = new EcbCsvParser();

    public List<PublishedRate> parse(byte[] zip) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            boolean sawEntry = false;
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                sawEntry = true;
                if (!entry.isDirectory() && CSV_ENTRY.equals(baseName(entry.getName()))) {
                    return csvParser.parse(in);
                }
            }
            throw new FeedException(sawEntry
                    ? "the history zip holds no " + CSV_ENTRY
                    : "the history download is not a zip archive (or an empty one)");
        } catch (ZipException e) {
            throw new FeedException("the history zip is corrupt: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FeedException("the history zip could not be read (truncated?): " + e.getMessage(), e);
        }
    }

    private static String baseName(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? name : name.substring(slash + 1);
    }
}
