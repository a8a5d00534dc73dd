// == vulnerable slice ==
func sumChunks(data []byte, size int) int {
	// ...
	offset := 0
	// ...
	for offset < len(data) {
		chunk := data[offset : offset+size]
		total += checksum(chunk)
		offset += size
	}
	// ...
	return total
}
// == secure slice ==
func sumChunks(data []byte, size int) int {
	// ...
	offset := 0
	// ...
	for offset < len(data) {
		end := offset + size
		if end > len(data) {
			end = len(data)
		}
		chunk := data[offset:end]
		total += checksum(chunk)
		offset += size
	}
	// ...
	return total
}
