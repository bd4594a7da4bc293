//! A small but real .docx (a zip of three XML parts, stored uncompressed, written by the `zip`
//! crate) for the course report download, so a browser or Word opens what the simulator serves.

/// The MIME type of a .docx.
pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A document with one paragraph per line (an error only if the zip writer fails in memory).
pub fn document(lines: &[String]) -> Result<Vec<u8>, String> {
    let paragraphs: String = lines
        .iter()
        .map(|l| format!("<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>", escape(l)))
        .collect();
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", RELS.to_owned()),
        (
            "word/document.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{paragraphs}</w:body></w:document>"
            ),
        ),
    ];
    zip(&parts.iter().map(|(n, d)| (*n, d.as_bytes())).collect::<Vec<_>>())
        .map_err(|e| format!("the .docx could not be written: {e}"))
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

/// A zip archive with stored (uncompressed) entries, dated 2026-01-01.
fn zip(files: &[(&str, &[u8])]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let date = zip::DateTime::from_date_and_time(2026, 1, 1, 0, 0, 0)?;
    let options =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).last_modified_time(date);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in files {
        w.start_file(*name, options)?;
        w.write_all(data)?;
    }
    Ok(w.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    #[test]
    fn the_document_is_a_zip_with_its_parts() {
        let d = super::document(&["Course pace <1> & more".into()]).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(d)).expect("a readable zip");
        let names: Vec<&str> = archive.file_names().collect();
        for part in ["[Content_Types].xml", "_rels/.rels", "word/document.xml"] {
            assert!(names.contains(&part), "{part} in {names:?}");
        }
        let mut xml = String::new();
        archive.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
        assert!(xml.contains("Course pace &lt;1&gt; &amp; more"), "{xml}");
    }
}
