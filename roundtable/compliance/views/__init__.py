"""Pages of the compliance app, one module per audience:
- `checklist`: a group's checklist, the records behind one obligation, hand ticks and their evidence;
- `scorecard`: the scorecard of the RTP Secretariat and the public one, their XLSX exports;
- `templates`: the checklist templates, edited by the RTP Secretariat."""
