/**
 * Tiny, valid PDFs written by hand for tests: one page per entry, each line drawn in Helvetica
 * (a standard font, so nothing is embedded); an empty line leaves a blank line (a new paragraph).
 * A page of `[]` has no text at all, like a scanned image. `outline` adds bookmarks to pages
 * (1-based). `password` adds an encryption dictionary whose user password is not empty, so a reader
 * asks for one (the content is not really encrypted: no reader gets that far). Shared by the unit tests (pdf.js's legacy build in Node) and the e2e import test.
 */
export const pdfBytes = (
  pages: ReadonlyArray<ReadonlyArray<string>>,
  {
    outline = [],
    password = false,
  }: { outline?: ReadonlyArray<{ title: string; page: number }>; password?: boolean } = {},
): Uint8Array => {
  const objects: string[] = ['']
  const add = (body: string) => objects.push(body) - 1
  const pdfString = (text: string) => text.replace(/[\\()]/g, (c) => `\\${c}`)
  const catalog = add('')
  const pageTree = add('')
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>')
  const pageIds = pages.map((lines) => {
    const stream =
      lines.length === 0
        ? ''
        : `BT /F1 12 Tf 14 TL 72 720 Td ${lines.map((l) => `(${pdfString(l)}) Tj T*`).join(' ')} ET`
    const contents = add(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`)
    return add(
      `<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${contents} 0 R >>`,
    )
  })
  objects[pageTree] =
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`
  if (outline.length === 0) {
    objects[catalog] = `<< /Type /Catalog /Pages ${pageTree} 0 R >>`
  } else {
    const root = add('')
    const first = objects.length
    const ids = outline.map((_, i) => first + i)
    outline.forEach((entry, i) => {
      const links = [
        i > 0 ? `/Prev ${ids[i - 1]} 0 R` : '',
        i < outline.length - 1 ? `/Next ${ids[i + 1]} 0 R` : '',
      ].join(' ')
      add(
        `<< /Title (${pdfString(entry.title)}) /Parent ${root} 0 R ${links} /Dest [${pageIds[entry.page - 1]} 0 R /Fit] >>`,
      )
    })
    objects[root] =
      `<< /Type /Outlines /First ${first} 0 R /Last ${ids.at(-1)} 0 R /Count ${outline.length} >>`
    objects[catalog] = `<< /Type /Catalog /Pages ${pageTree} 0 R /Outlines ${root} 0 R >>`
  }
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = out.length
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`
  }
  const xref = out.length
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`
  const hex = (byte: number) => byte.toString(16).padStart(2, '0').repeat(32)
  const encrypt = password
    ? ` /Encrypt << /Filter /Standard /V 1 /R 2 /O <${hex(0x4f)}> /U <${hex(0x55)}> /P -4 >> /ID [<${hex(1).slice(0, 32)}> <${hex(1).slice(0, 32)}>]`
    : ''
  out += `trailer\n<< /Size ${objects.length} /Root ${catalog} 0 R${encrypt} >>\nstartxref\n${xref}\n%%EOF\n`
  return new TextEncoder().encode(out)
}
