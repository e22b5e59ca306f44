//! The poster as a PDF: one page of the paper's size holding the poster's JPEG, written
//! with `pdf-writer` (typst's small PDF writer) rather than by hand.

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref};

use super::logic::Paper;

/// A one-page PDF of `paper`'s size filled by the JPEG `jpeg` of `width` x `height` pixels.
pub fn poster_pdf(jpeg: &[u8], width: u32, height: u32, paper: Paper) -> Vec<u8> {
    let (w, h) = paper.points();
    let catalog = Ref::new(1);
    let tree = Ref::new(2);
    let page_id = Ref::new(3);
    let image_id = Ref::new(4);
    let content_id = Ref::new(5);
    let image_name = Name(b"Poster");
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids([page_id]).count(1);
    let mut page = pdf.page(page_id);
    page.media_box(Rect::new(0.0, 0.0, w, h));
    page.parent(tree);
    page.contents(content_id);
    page.resources().x_objects().pair(image_name, image_id);
    page.finish();
    let mut image = pdf.image_xobject(image_id, jpeg);
    image.filter(Filter::DctDecode);
    image.width(i32::try_from(width).unwrap_or(i32::MAX));
    image.height(i32::try_from(height).unwrap_or(i32::MAX));
    image.color_space().device_rgb();
    image.bits_per_component(8);
    image.finish();
    let mut content = Content::new();
    content.save_state();
    content.transform([w, 0.0, 0.0, h, 0.0, 0.0]);
    content.x_object(image_name);
    content.restore_state();
    pdf.stream(content_id, &content.finish());
    pdf.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_of_the_papers_size_holding_the_picture() {
        let jpeg = b"\xff\xd8\xff\xe0fake jpeg\xff\xd9";
        for paper in [Paper::A4, Paper::A3] {
            let (pw, ph) = paper.pixels();
            let pdf = poster_pdf(jpeg, pw, ph, paper);
            let text = String::from_utf8_lossy(&pdf);
            assert!(text.starts_with("%PDF-1."), "{text}");
            assert!(text.trim_end().ends_with("%%EOF"));
            let (w, h) = paper.points();
            assert!(text.contains(&format!("/MediaBox [0 0 {w} {h}]")), "{text}");
            assert!(text.contains(&format!("/Width {pw}")));
            assert!(text.contains(&format!("/Height {ph}")));
            assert!(text.contains("/Filter /DCTDecode"));
            assert!(pdf.windows(jpeg.len()).any(|w| w == jpeg));
        }
    }
}
