/**
 * The limits every importer applies, each stated once. They are set well above the largest value in the
 * real files (the shipped data/ and the shared OFAC snapshots 2015-2024, measured) so that no real list is
 * refused, and low enough that a hostile or broken file fails fast, in bounded memory, naming the file,
 * the line (or record) and the limit. The name limit, `maxNameChars` (1,000), lives in `@lockstep/core`
 * because the search index relies on it.
 */

const mebibyte = 1024 * 1024;

/**
 * The largest CSV-family list file (OFAC legacy .csv and .pip files, the daily change log): 64 MiB, 17
 * times the largest real one (the 2024-05-03 sdn.csv, 3.9 MB). A file that is well-formed UTF-8 is held
 * whole while its encoding is detected, so this also bounds that memory.
 */
export const maxDelimitedFileBytes = 64 * mebibyte;

/**
 * The largest XML list file (sdn.xml, consolidated.xml, sdn_advanced.xml): 512 MiB. OFAC's largest
 * publication is sdn_advanced.xml, the whole SDN list with its metadata: the shared 2020
 * cons_advanced.xml holds 375 parties in 2.7 MB (about 7 KB a party), so the 2024 SDN list of some
 * 15,000 entries is of the order of 100 MB.
 */
export const maxXmlFileBytes = 512 * mebibyte;

/**
 * The largest FollowTheMoney JSON lines file: 512 MiB, like the XML lists; the 2024 SDN list written as
 * FtM entities is 8 MB.
 */
export const maxFtmFileBytes = 512 * mebibyte;

/** The largest nuclear series CSV (data/nuclear/*.csv): 1 MiB; the largest shipped one is 2.5 KB. */
export const maxNuclearCsvBytes = mebibyte;

/**
 * The most characters one value may hold: a CSV field, the text of an XML element as written (CDATA
 * included), a FollowTheMoney property value. 65,536: OFAC's widest legacy column (Remarks) is 1,000
 * characters, and the longest value in the real files is 1,000 (a remark cut there and continued in
 * sdn_comments.csv). OFAC states no limit on the remarks as a whole (the XML does not cut them, and
 * every `Linked To:` name adds to them), so the limit leaves room for remarks sixty times that long.
 */
export const maxValueChars = 65_536;

/**
 * The most characters one CSV record may hold, delimiters included: 262,144. The longest real record is
 * 1,126 characters (the 2024 sdn.csv); four fields at the value limit fit.
 */
export const maxRecordChars = 262_144;

/** The most characters an XML attribute value may hold: 4,096; the longest real one is 101. */
export const maxXmlAttributeChars = 4_096;

/**
 * The most characters one piece of XML markup may hold: a tag with its attributes, a comment, a
 * processing instruction or a DOCTYPE. 65,536; the longest real line of OFAC XML is 353 characters.
 */
export const maxXmlMarkupChars = 65_536;

/**
 * How deeply XML elements may nest: 64 levels. OFAC's legacy XML nests 5 deep, sdn_advanced.xml 10. The
 * readers keep one frame per open element, so this also bounds their memory per element.
 */
export const maxXmlDepth = 64;

/**
 * The most characters one line of FollowTheMoney JSON lines may hold (one entity): 1,048,576. The longest
 * line written from the 2024 SDN list is 1,216 characters.
 */
export const maxFtmLineChars = 1_048_576;
