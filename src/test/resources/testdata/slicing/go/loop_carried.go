// == vulnerable ==
func sumChunks(data []byte, size int) int {
	total := 0
	offset := 0
	log.Println("sum")
	for offset < len(data) {
		chunk := data[offset : offset+size]  // POI
		total += checksum(chunk)
		offset += size
	}
	log.Println("done")
	return total
}
// == secure ==
func sumChunks(data []byte, size int) int {
	total := 0
	offset := 0
	log.Println("sum")
	for offset < len(data) {
		end := offset + size  // POI
		if end > len(data) {  // POI
			end = len(data)  // POI
		}  // POI
		chunk := data[offset:end]  // POI
		total += checksum(chunk)
		offset += size
	}
	log.Println("done")
	return total
}
