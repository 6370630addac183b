/** A workbook as a download, named in Chinese for the person (RFC 5987) with an ASCII fallback. */
export function xlsxResponse(file: { bytes: Uint8Array<ArrayBuffer>; name: string }): Response {
  return new Response(file.bytes, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'cache-control': 'private, no-store',
    },
  })
}
