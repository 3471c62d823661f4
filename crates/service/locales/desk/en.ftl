# desk: messages added by the desk work (one file per area keeps parallel work from colliding).
