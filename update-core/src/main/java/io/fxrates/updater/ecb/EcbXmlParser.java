package io.fxrates.updater.ecb;

import io.fxrates.updater.provider.FeedException;
import io.fxrates.updater.provider.PublishedRate;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the ECB's eurofxref XML ({@code eurofxref-daily.xml}, {@code eurofxref-hist-90d.xml},
 * {@code eurofxref-hist.xml}) with a namespace-aware parser:
 * {@code gesmes:Envelope / Cube / Cube[@time] / Cube[@currency][@rate]}, the Cubes in the
 * eurofxref namespace. Values are kept as published; checking them is the validator's job.
 */
public final class EcbXmlParser {
    static final String GESMES_NS = "http://www.gesmes.org/xml/2002-08-01";
    static final String EUROFXREF_NS = "http://www.ecb.int/vocabulary/2002-08-01/eurofxref";

    public List<PublishedRate> parse(byte[] xml) {
        Element envelope = parseDocument(xml).getDocumentElement();
        if (!GESMES_NS.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            throw new FeedException("not an ECB eurofxref document: the root element is {"
                    + envelope.getNamespaceURI() + "}" + envelope.getLocalName() + ", expected gesmes:Envelope");
        }
        List<Element> outer = cubes(envelope);
        if (outer.size() != 1) {
            throw new FeedException("not an ECB eurofxref document: expected one Cube under the envelope, found " + outer.size());
        }
        List<PublishedRate> rates = new ArrayList<>();
        for (Element day : cubes(outer.getFirst())) {
            LocalDate date = date(day.getAttribute("time"));
            for (Element quote : cubes(day)) {
                String currency = quote.getAttribute("currency");
                String rate = quote.getAttribute("rate");
                if (currency.isEmpty() || rate.isEmpty()) {
                    throw new FeedException("a Cube on " + date + " lacks its currency or rate attribute");
                }
                rates.add(new PublishedRate(date, currency, number(rate, date, currency)));
            }
        }
        return rates;
    }

    private static org.w3c.dom.Document parseDocument(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // A feed has no business declaring a DTD or entities: refuse them (no XXE, no entity bombs).
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null); // errors become exceptions, not lines on stderr
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new FeedException("malformed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new FeedException("malformed XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a required feature", e);
        }
    }

    /** The child elements named Cube in the eurofxref namespace (other children are ignored). */
    private static List<Element> cubes(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && EUROFXREF_NS.equals(e.getNamespaceURI()) && "Cube".equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static LocalDate date(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new FeedException("a Cube has time='" + text + "', not a date (yyyy-mm-dd)", e);
        }
    }

    static BigDecimal number(String text, LocalDate date, String currency) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new FeedException("the rate of " + currency + " on " + date + " is '" + text + "', not a number", e);
        }
    }
}
