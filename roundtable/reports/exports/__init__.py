"""The exports of the reports app: one progress report (DOCX, PDF) and the compiled Round Table report,
both in the Government's layout and in either language (`reports.document` gives them their content)."""
